#pragma once
// Which language gov speaks, chosen as every GNU tool chooses it, and
// `--lang`, which overrides that anywhere on the command line.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gov::cli {

enum class language { en, zh_CN };

/// "zh_CN", "zh", "zh-CN", "zh_CN.UTF-8", "zh_Hans" → zh_CN; "en", "en_US",
/// "C", "POSIX" → en; anything else: none.
std::optional<language> parse_language(std::string_view name);

/// "en" or "zh_CN", as --lang takes it.
const char* language_name(language l);

/// The environment's choice, by GNU gettext's rules: the locale of messages
/// is LC_ALL, else LC_MESSAGES, else LANG; when it is unset, C or POSIX the
/// language is English and LANGUAGE is ignored; otherwise the first entry
/// of LANGUAGE (a colon-separated list) that gov speaks, else the locale's.
language language_from_environment();

/// The language `--lang` names, taken out of `args` (from the second word to
/// a `--`; "--lang X" and "--lang=X", the last one wins), so that the
/// command parser never sees it. Throws usage_error for a missing or
/// unknown language.
std::optional<language> take_lang_option(std::vector<std::string>& args);

/// Makes gov's messages come out in `l`, read from the catalogue directory
/// beside the program: build/locale in the build tree, else the installed
/// one. Call before any message is translated.
void use_language(language l);

}  // namespace gov::cli
