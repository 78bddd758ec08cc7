#include "language.hpp"

#include <libintl.h>
#include <unistd.h>

#include <clocale>
#include <cstdlib>
#include <filesystem>

#include <fmt/format.h>

#include "gov/values/error.hpp"
#include "gov/values/i18n.hpp"
#include "session.hpp"

// glibc's counter of catalogue changes: bumping it makes gettext forget the
// translations it has cached, as changing LANGUAGE requires.
extern "C" int _nl_msg_cat_cntr;

namespace gov::cli {
namespace {

bool starts_with_word(std::string_view name, std::string_view word) {
    if (name.substr(0, word.size()) != word) return false;
    return name.size() == word.size() || name[word.size()] == '_' || name[word.size()] == '-' ||
           name[word.size()] == '.' || name[word.size()] == '@';
}

// "zh_CN.UTF-8@x" → "zh_cn"; "zh-Hans" → "zh_hans".
std::string base_name(std::string_view name) {
    std::string out(name.substr(0, name.find_first_of(".@")));
    for (char& c : out) {
        if (c == '-') c = '_';
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

bool is_c_locale(std::string_view locale) {
    return locale.empty() || locale == "C" || locale == "POSIX";
}

std::string first_set(std::initializer_list<const char*> names) {
    for (const char* n : names)
        if (auto v = env(n); v && !v->empty()) return *v;
    return {};
}

namespace fs = std::filesystem;

bool has_catalogues(const fs::path& dir) {
    std::error_code ec;
    return fs::exists(dir / "zh_CN" / "LC_MESSAGES" / "gov.mo", ec);
}

// Where the compiled catalogues are: build/locale beside build/cli/gov,
// else the install tree's, found from the program's own place so that an
// installed tree can be moved (DESTDIR, a relocated prefix).
std::string catalogue_dir() {
    std::error_code ec;
    fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        fs::path build_tree = exe.parent_path().parent_path() / "locale";
        if (has_catalogues(build_tree)) return build_tree.string();
        fs::path installed = exe.parent_path() / GOV_RELATIVE_LOCALEDIR;
        if (has_catalogues(installed)) return installed.lexically_normal().string();
    }
    return GOV_INSTALL_LOCALEDIR;
}

usage_error bad_language(std::string_view value) {
    return usage_error(fmt::format(fmt::runtime(tr("unknown language \"{}\" for --lang")), value),
                       {tr("gov speaks: en (English), zh_CN (简体中文)")});
}

}  // namespace

std::optional<language> parse_language(std::string_view name) {
    if (is_c_locale(name) || starts_with_word(name, "C") || starts_with_word(name, "en"))
        return language::en;
    std::string base = base_name(name);
    if (base == "zh" || base == "zh_cn" || base == "zh_sg" || base == "zh_hans" ||
        base.rfind("zh_hans_", 0) == 0)
        return language::zh_CN;
    return std::nullopt;
}

const char* language_name(language l) {
    return l == language::zh_CN ? "zh_CN" : "en";
}

language language_from_environment() {
    std::string locale = first_set({"LC_ALL", "LC_MESSAGES", "LANG"});
    if (is_c_locale(locale)) return language::en;
    std::string list = env("LANGUAGE").value_or("");
    for (std::size_t start = 0; start <= list.size();) {
        std::size_t end = std::min(list.find(':', start), list.size());
        std::string_view entry(list.data() + start, end - start);
        if (!entry.empty())
            if (auto l = parse_language(entry)) return *l;
        start = end + 1;
    }
    return parse_language(locale).value_or(language::en);
}

std::optional<language> take_lang_option(std::vector<std::string>& args) {
    std::optional<language> chosen;
    for (std::size_t i = 1; i < args.size();) {
        const std::string& a = args[i];
        if (a == "--") break;
        std::string value;
        std::size_t words = 1;
        if (a == "--lang") {
            if (i + 1 >= args.size() || args[i + 1].rfind("-", 0) == 0)
                throw usage_error(tr("--lang needs a language: en or zh_CN"));
            value = args[i + 1];
            words = 2;
        } else if (a.rfind("--lang=", 0) == 0) {
            value = a.substr(7);
        } else {
            ++i;
            continue;
        }
        auto l = parse_language(value);
        if (!l) throw bad_language(value);
        chosen = l;
        args.erase(args.begin() + static_cast<std::ptrdiff_t>(i),
                   args.begin() + static_cast<std::ptrdiff_t>(i + words));
    }
    return chosen;
}

void use_language(language l) {
    bind_catalogues(catalogue_dir());
    // gettext consults LANGUAGE only when the locale of messages is not C;
    // C.UTF-8 is in every glibc, so Chinese works without a zh_CN locale
    // installed. Only LC_MESSAGES changes: numbers, collation and character
    // classes stay "C", which the tables and CSV rely on.
    const char* user = l == language::zh_CN ? std::setlocale(LC_MESSAGES, "") : nullptr;
    if (!user || is_c_locale(user)) std::setlocale(LC_MESSAGES, "C.UTF-8");
    ::setenv("LANGUAGE", language_name(l), 1);
    ++_nl_msg_cat_cntr;
}

}  // namespace gov::cli
