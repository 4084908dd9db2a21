"""Translation input that English does not have is refused, with file:line and a hint.

A contributed translation is reviewed by people who may not read its language,
so `check` and the build refuse, in a translated page, what its English page
does not have:

- raw HTML: a tag, attribute, comment or declaration the English page does not
  use; <script>, <iframe>, <style>, <form>... never (the CSP admits an inline
  script, because it hashes the scripts the page really has);
- event-handler attributes (`on...=`) anywhere: raw HTML, `{: onclick=... }`
  attribute lists, front matter (the theme puts title and description into the
  HTML unescaped, so a '"' there is refused too);
- attribute-list keys the English page does not use (`{: href=... }` would
  replace a link's target);
- javascript:, vbscript: and data: URLs (data:image too: an image belongs in
  docs/assets/, where it is reviewed), read as a browser reads them: entities
  decoded, case folded, whitespace and control characters dropped;
- links and images to hosts, e-mail addresses and URL schemes the English
  page does not use;
- front-matter keys and pymdownx.snippets includes the English page does not have;
- left-over merge-conflict markers (a `=======` line turns the line above into
  a heading).

Code is not exempt, because on this site it barely exists: fenced code is not
enabled (a ``` line is text, and raw HTML between two of them runs), and a
code span opened on one line and closed on another does not protect an HTML
block line in between. A one-line code span is skipped only if the English
page has the same code span. Text saved in decomposed Unicode is not refused:
every rule and the build read it NFC-normalised (markdown.read_text).
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urlsplit

import yaml
from markdown.extensions.attr_list import get_attrs_and_remainder, sanitize_name

from alliance_site.markdown import FRONT_MATTER, SNIPPET
from alliance_site.problems import Problem

CONFLICT_MARKER = re.compile(r"^(<{7}|={7}|>{7}|\|{7})(?:\s|$)")
# Elements that run, embed or submit: refused even where English has them.
ALWAYS_REFUSED = frozenset({
    "script", "iframe", "object", "embed", "applet", "style", "form", "input", "button", "textarea", "select",
    "link", "meta", "base", "frame", "frameset", "portal",
})
DANGEROUS_SCHEMES = ("javascript", "vbscript", "data")
URL_ATTRIBUTES = frozenset({
    "href", "src", "srcset", "action", "formaction", "xlink:href", "poster", "cite", "data", "background",
    "longdesc", "usemap", "ping", "manifest", "codebase",
})
CODE_SPAN = re.compile(r"(?<![\\`])(`+)(?!`)(.+?)(?<!`)\1(?!`)")
# Python-Markdown's link syntaxes, read generously: only where a URL starts matters.
INLINE_LINK = re.compile(r"\]\s*\(\s*(<[^<>]*>|[^)\n]*)")
LINK_DEFINITION = re.compile(r"\[[^\[\]\n]*\]:[ \t]*\n?\s*(<[^<>]*>|[^\n]*)")
AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.\-]*:[^<>\s]*|[^<>\s!]+@[^@<>\s]+)>")
ATTR_LIST = re.compile(r"\{:?[ ]*([^}\n ][^\n]*)\}")
EVENT_HANDLER = re.compile(r"(?<![a-z0-9_:-])(on[a-z]+)\s*=", re.I)
SNIPPET_MARKER = re.compile(r"-+8<-+")
# Dropped by browsers inside a URL, or invisible to a reviewer.
INVISIBLE = re.compile("[\x00-\x20\x7f-\x9f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]")
SCHEME = re.compile(r"([a-z][a-z0-9+.\-]*):")
DANGEROUS_ANYWHERE = re.compile(r"(?:javascript|vbscript|data):")


@dataclass
class Url:
    line: int
    url: str
    kind: str  # "a link", "an image", "HTML attribute href=", ...
    image: bool = False


@dataclass
class Tag:
    line: int
    name: str  # lower case; "!--" for a comment, "!" for a declaration
    attrs: list[tuple[str, str | None]]
    end: bool = False


@dataclass
class Scan:
    """What a page brings in, line by line (code spans English also has left out)."""

    tags: list[Tag]
    urls: list[Url]
    attr_keys: list[tuple[int, str]]
    handlers: list[tuple[int, str]]


@dataclass
class English:
    """What the English page uses, so a translation may use it too."""

    rel: str
    tags: set[str]
    attributes: set[tuple[str, str]]
    attr_keys: set[str]
    hosts: set[str]
    addresses: set[str]
    schemes: set[str]
    code_spans: set[str]
    front_matter: set[str]
    lines: set[str]


# --------------------------------------------------------------------------- reading a page


def line_at(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def code_spans(text: str) -> set[str]:
    return {match.group(2).strip() for line in text.split("\n") for match in CODE_SPAN.finditer(line)}


def blanked(match: re.Match) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


def without_code(text: str, allowed: set[str] | None) -> str:
    """The text with one-line code spans blanked (only those in `allowed`, unless None)."""
    def mask(match: re.Match) -> str:
        return blanked(match) if allowed is None or match.group(2).strip() in allowed else match.group(0)
    return "\n".join(CODE_SPAN.sub(mask, line) for line in text.split("\n"))


class RawHtml(HTMLParser):
    """Every tag, comment and declaration, with its line; script and style content is read as HTML too."""

    CDATA_CONTENT_ELEMENTS = ()

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[Tag] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(Tag(self.getpos()[0], tag, attrs))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        self.tags.append(Tag(self.getpos()[0], tag, [], end=True))

    def handle_comment(self, data):
        self.tags.append(Tag(self.getpos()[0], "!--", []))

    def handle_decl(self, decl):
        self.tags.append(Tag(self.getpos()[0], "!", []))

    unknown_decl = handle_pi = handle_decl


def raw_html(text: str) -> list[Tag]:
    parser = RawHtml()
    parser.feed(text)
    parser.close()
    return parser.tags


def is_image(text: str, close: int) -> bool:
    """Whether the `]` at `close` ends the text of an image `![...]`."""
    depth = 0
    for index in range(close, -1, -1):
        depth += {"]": 1, "[": -1}.get(text[index], 0)
        if depth == 0:
            return index > 0 and text[index - 1] == "!"
    return False


def markdown_urls(text: str) -> list[Url]:
    """Every link, image and link definition; `<...>` destinations are read as autolinks."""
    urls = []
    for match in INLINE_LINK.finditer(text):
        if not AUTOLINK.fullmatch(match.group(1)):
            image = is_image(text, match.start())
            urls.append(Url(line_at(text, match.start(1)), match.group(1), "an image" if image else "a link", image))
    for match in LINK_DEFINITION.finditer(text):
        if not AUTOLINK.fullmatch(match.group(1)):
            urls.append(Url(line_at(text, match.start(1)), match.group(1), "a link definition"))
    return urls


def autolinks(text: str) -> list[Url]:
    """Every `<scheme:...>` and `<address@host>`."""
    return [
        Url(line_at(text, match.start()), url if SCHEME.match(url.lower()) else f"mailto:{url}", "an autolink")
        for match in AUTOLINK.finditer(text) if (url := match.group(1))
    ]


def html_urls(tags: list[Tag]) -> list[Url]:
    urls = []
    for tag in tags:
        for name, value in tag.attrs:
            if name in URL_ATTRIBUTES and value:
                for url in value.split(",") if name == "srcset" else [value]:
                    urls.append(Url(tag.line, url.strip().split(" ")[0], f"HTML attribute {name}=", tag.name == "img"))
    return urls


def attribute_lists(text: str) -> tuple[list[tuple[int, str]], list[Url]]:
    """(line, key) of every `{: ...}` attribute-list entry, and the URLs they set."""
    keys, urls = [], []
    for number, line in enumerate(text.split("\n"), 1):
        for start in (index for index, char in enumerate(line) if char == "{"):
            match = ATTR_LIST.match(line, start)
            for key, value in get_attrs_and_remainder(match.group(1))[0] if match else []:
                key = "class" if key == "." else sanitize_name(key).lower()
                keys.append((number, key))
                if key in URL_ATTRIBUTES and value:
                    urls.append(Url(number, value, f"attribute list key {key}="))
    return keys, urls


def scan(text: str, code: set[str] | None = None) -> Scan:
    """Everything `text` brings in; one-line code spans are skipped if in `code` (all if None)."""
    text = without_code(text, code)
    tags = raw_html(AUTOLINK.sub(blanked, text))  # an autolink holds no '<' or '>': it hides no tag
    keys, list_urls = attribute_lists(text)
    handlers = [(line_at(text, match.start()), match.group(1).lower()) for match in EVENT_HANDLER.finditer(text)]
    return Scan(tags, markdown_urls(text) + autolinks(text) + html_urls(tags) + list_urls, keys, handlers)


COMPOSER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def front_matter_nodes(text: str) -> dict[str, tuple[int, yaml.Node]]:
    """{key: (line, value node)} of the front matter, or {} if it does not parse."""
    match = FRONT_MATTER.match(text)
    try:
        # libyaml when PyYAML has it: every translated page goes through here.
        node = yaml.compose(match.group(1), Loader=COMPOSER) if match else None
    except yaml.YAMLError:
        return {}
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {str(key.value): (key.start_mark.line + 2, value) for key, value in node.value}


# --------------------------------------------------------------------------- URLs


def normalized(url: str) -> str:
    """A URL as a browser resolves it: entities decoded, case folded, invisible characters dropped."""
    for _ in range(3):
        url = html.unescape(url)
    return INVISIBLE.sub("", url.strip("<>")).replace("\\", "/").lower()


def url_target(url: str) -> tuple[str, str]:
    """(scheme, host or e-mail address) of a URL; ("", "") for a page of this site."""
    url = normalized(url)
    scheme = match.group(1) if (match := SCHEME.match(url)) else ""
    if scheme == "mailto":
        return scheme, url[len("mailto:"):].split("?")[0]
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
    except ValueError:  # an unbalanced [ in the host
        parts, host = None, url
    return scheme, host if scheme or (parts and parts.netloc) else ""


@lru_cache(maxsize=256)  # every language's page is checked against the same English page
def english_uses(english: str, rel: str) -> English:
    code = code_spans(english)
    found = scan(english)
    targets = [url_target(url.url) for url in found.urls]
    return English(
        rel=rel,
        tags={tag.name for tag in found.tags},
        attributes={(tag.name, name) for tag in found.tags for name, _ in tag.attrs},
        attr_keys={key for _, key in found.attr_keys},
        hosts={host for scheme, host in targets if scheme != "mailto" and host},
        addresses={host for scheme, host in targets if scheme == "mailto"},
        schemes={scheme for scheme, _ in targets},
        code_spans=code,
        front_matter=set(front_matter_nodes(english)),
        lines={line.strip() for line in english.split("\n")},
    )


def url_problem(url: Url, english: English) -> str | None:
    scheme, target = url_target(url.url)
    if scheme in DANGEROUS_SCHEMES:
        return (f"{scheme}: URL in {url.kind}: a translation may not use javascript:, vbscript: or data: URLs "
                f"({english.rel} has none); remove it")
    if scheme == "mailto":
        return None if target in english.addresses else (
            f"e-mail address {target} is not in {english.rel}: use the address the English page gives")
    if scheme not in ("", "http", "https") and scheme not in english.schemes:
        return f"{scheme}: link is not in {english.rel}: link only as the English page does"
    if (scheme or target) and target not in english.hosts:
        what = f"{'image from' if url.image else 'link to'} another host ({target or url.url.strip()})"
        return (f"{what}: {english.rel} has nothing from that host; use only this site's pages and files "
                f"(images in docs/assets/) and the hosts the English page links to")
    return None


# --------------------------------------------------------------------------- rules


def tag_problem(tag: Tag, english: English, opened: set[str]) -> str | None:
    if tag.end and tag.name in opened:
        return None  # reported at its start tag
    shown = {"!--": "HTML comment <!-- -->", "!": "HTML declaration <!...>"}.get(
        tag.name, f"raw HTML <{'/' if tag.end else ''}{tag.name}>")
    if tag.name not in english.tags:
        return (f"{shown} is not in the English page: translations may only use the Markdown and HTML "
                f"that {english.rel} uses; remove it")
    if tag.name in ALWAYS_REFUSED:
        return (f"{shown} may not be in a translation, even though {english.rel} has it: "
                "what runs or embeds code belongs in the shared templates (overrides/); remove it")
    return None


def attribute_problems(tag: Tag, english: English) -> list[str]:
    found = []
    for name, value in tag.attrs:
        if name.startswith("on") or tag.name not in english.tags:
            continue  # event handlers and unknown tags are reported on their own
        if (tag.name, name) not in english.attributes:
            found.append(f"raw HTML attribute {name}= on <{tag.name}> is not in the English page: "
                         f"use only the attributes {english.rel} uses; remove it")
        elif name not in URL_ATTRIBUTES and DANGEROUS_ANYWHERE.search(normalized(value or "")):
            found.append(f"raw HTML attribute {name}= holds a javascript:, vbscript: or data: URL: remove it")
    return found


def html_problems(rel: str, tags: list[Tag], english: English) -> list[Problem]:
    opened = {tag.name for tag in tags if not tag.end}
    problems = []
    for tag in tags:
        messages = [tag_problem(tag, english, opened)] + ([] if tag.end else attribute_problems(tag, english))
        problems += [Problem(rel, tag.line, message) for message in messages if message]
    return problems


def handler_problems(rel: str, handlers: list[tuple[int, str]]) -> list[Problem]:
    return [
        Problem(rel, line, f"event-handler attribute {name}= found: a translation may not run code "
                           "(raw HTML, {: ... } attribute lists and front matter included); remove it")
        for line, name in handlers
    ]


def attr_list_problems(rel: str, keys: list[tuple[int, str]], english: English) -> list[Problem]:
    return [
        Problem(rel, line, f"attribute list key '{key}' ({{: {key}=... }}) is not in the English page: "
                           f"use only the {{#id}} and attributes {english.rel} uses; remove it")
        for line, key in keys if key not in english.attr_keys and not key.startswith("on")
    ]


def front_matter_input(rel: str, text: str, english: English) -> list[Problem]:
    problems = []
    for key, (line, value) in front_matter_nodes(text).items():
        if key not in english.front_matter:
            problems.append(Problem(rel, line, f"front matter key '{key}' is not in {english.rel}: "
                                               "a translation sets only the keys English sets; remove it"))
        elif isinstance(value, yaml.ScalarNode) and '"' in str(value.value):
            problems.append(Problem(rel, line, f"front matter '{key}' contains '\"', which the theme puts into the "
                                               "page's HTML as it is: use typographic quotes (“ ”, « », 「 」) instead"))
    return problems


def snippet_problems(rel: str, lines: list[str], english: English) -> list[Problem]:
    return [
        Problem(rel, number, f"snippet include '{line.strip()}' is not in {english.rel}: "
                             "a translation may include only the files English includes; remove it")
        for number, line in enumerate(lines, 1)
        if SNIPPET_MARKER.search(line) and not SNIPPET.match(line) and line.strip() not in english.lines
    ]


def conflict_markers(rel: str, lines: list[str]) -> list[Problem]:
    return [
        Problem(rel, number, f"left-over merge-conflict marker '{match.group(1)}': resolve the conflict "
                             "(keep one version of the text) and delete the marker lines")
        for number, line in enumerate(lines, 1) if (match := CONFLICT_MARKER.match(line))
    ]


def unique(problems: list[Problem]) -> list[Problem]:
    return sorted(set(problems), key=lambda problem: (problem.line, problem.message))


def input_problems(rel: str, text: str, english: str, english_rel: str = "the English page") -> list[Problem]:
    """Everything in a translation's text that English does not have and a reader must not get."""
    uses = english_uses(english, english_rel)
    found = scan(text, uses.code_spans)
    lines = text.split("\n")
    problems = conflict_markers(rel, lines) + snippet_problems(rel, lines, uses)
    problems += front_matter_input(rel, text, uses)
    problems += html_problems(rel, found.tags, uses) + handler_problems(rel, found.handlers)
    problems += attr_list_problems(rel, found.attr_keys, uses)
    problems += [Problem(rel, url.line, message) for url in found.urls if (message := url_problem(url, uses))]
    return unique(problems)


def encoding_problem(rel: str, data: bytes) -> Problem | None:
    """A page that is not UTF-8 (a BOM is fine): refused before anything reads it."""
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        return Problem(rel, line, f"not UTF-8 text (byte 0x{data[error.start]:02x} cannot be read): the file was saved "
                                  "in another encoding (such as Shift_JIS or Windows-1252); save it as UTF-8")
    return None


# Interface words (data/strings/<lang>.yml, nav labels, site name and
# description) go into templates, some of them inside attributes: plain text
# only, with typographic quotes (「」, “”, « ») where a quote is wanted.
INTERFACE_MARKUP = re.compile(r"""[<>"]|(?:javascript|vbscript|data):""", re.I)


def interface_text_problem(value: str) -> str | None:
    """Why a translated interface string cannot go into a template as it is, or None."""
    found = INTERFACE_MARKUP.search(value)
    if found is None:
        return None
    return (f"'{found.group(0)}' is not allowed in interface text (it would be markup in the page): "
            "write plain text, with typographic quotes such as 「」 or “” where needed")
