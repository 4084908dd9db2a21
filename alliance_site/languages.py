"""Language codes this site can add: their native names and Open Graph locales,
and whether Material for MkDocs translates its interface into them."""

from __future__ import annotations

import re
from pathlib import Path

from alliance_site.problems import ProjectError

# ISO 639-1 codes this tool can scaffold (all supported by Material's interface),
# with the language's own name for the language menu.
KNOWN_LANGUAGES = {
    "ar": "العربية", "bn": "বাংলা", "ca": "Català", "cs": "Čeština", "da": "Dansk",
    "de": "Deutsch", "el": "Ελληνικά", "en": "English", "es": "Español", "fa": "فارسی",
    "fi": "Suomi", "fr": "Français", "he": "עברית", "hi": "हिन्दी", "hu": "Magyar",
    "id": "Bahasa Indonesia", "it": "Italiano", "ja": "日本語", "ko": "한국어",
    "ms": "Bahasa Melayu", "nl": "Nederlands", "pl": "Polski", "pt": "Português",
    "ro": "Română", "ru": "Русский", "sv": "Svenska", "th": "ไทย", "tr": "Türkçe",
    "uk": "Українська", "ur": "اردو", "vi": "Tiếng Việt", "zh": "中文",
}
# Regional variants Material's interface is translated into.
KNOWN_REGIONS = {"pt-BR": "Português (Brasil)", "zh-TW": "中文（台灣）"}
# Open Graph locales (language_TERRITORY) where the territory is not the
# language code in capitals; og_locale() guesses the rest (fr -> fr_FR).
OG_LOCALES = {
    "ar": "ar_AR", "bn": "bn_IN", "ca": "ca_ES", "cs": "cs_CZ", "da": "da_DK", "el": "el_GR",
    "en": "en_US", "fa": "fa_IR", "he": "he_IL", "hi": "hi_IN", "ja": "ja_JP", "ko": "ko_KR",
    "ms": "ms_MY", "sv": "sv_SE", "uk": "uk_UA", "ur": "ur_PK", "vi": "vi_VN", "zh": "zh_CN",
}
# Written right to left (Material mirrors its chrome for these, too).
RIGHT_TO_LEFT = {"ar", "fa", "he", "ur"}
LANGUAGE_CODE = re.compile(r"[a-z]{2}(-[A-Z]{2})?")


def native_name(code: str, existing: list[str]) -> str:
    """The native name of a language this site can add; ProjectError otherwise."""
    if not LANGUAGE_CODE.fullmatch(code):
        raise ProjectError(
            f"'{code}' is not a language code: use two lowercase ISO 639-1 letters (fr), "
            "optionally with an uppercase region (pt-BR)."
        )
    if code.lower() in {lang.lower().replace("_", "-") for lang in existing}:
        raise ProjectError(f"'{code}' is already a language of this site (mkdocs.yml): nothing to do.")
    base = code[:2]
    if base not in KNOWN_LANGUAGES:
        raise ProjectError(f"'{base}' is not a known ISO 639-1 code here. Known: {', '.join(sorted(KNOWN_LANGUAGES))}.")
    if "-" in code and code not in KNOWN_REGIONS:
        raise ProjectError(f"'{code}': regional variant not supported. Use '{base}' or one of: {', '.join(KNOWN_REGIONS)}.")
    return KNOWN_REGIONS.get(code) or KNOWN_LANGUAGES[base]


def og_locale(code: str) -> str:
    """A guess at the Open Graph locale of a language code: fr -> fr_FR, pt-BR -> pt_BR."""
    if "-" in code:
        return code.replace("-", "_")
    return OG_LOCALES.get(code, f"{code}_{code.upper()}")


def material_language_problem(code: str, theme_dirs: list[str], config_file: str) -> str | None:
    """Material has interface translations for a fixed set of codes; any other
    would fail deep inside a template with a Jinja traceback."""
    template = f"partials/languages/{code}.html"
    if any((Path(folder) / template).is_file() for folder in theme_dirs):
        return None
    return (f"{config_file}: language '{code}' is not supported by Material for MkDocs "
            f"(no {template}). Use a code Material knows (for example fr, de, pt-BR, zh-TW).")


def direction(code: str) -> str:
    """'rtl' or 'ltr', for a language's text on a page in another language."""
    return "rtl" if code.split("-")[0] in RIGHT_TO_LEFT else "ltr"
