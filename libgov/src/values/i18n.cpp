#include "gov/values/i18n.hpp"

#include <libintl.h>

#include <string>

namespace gov {
namespace {
constexpr const char* domain = "gov";
}

const char* tr(const char* msgid) {
    // dgettext returns msgid itself when no catalogue is bound or found, so
    // English is the fallback without any configuration.
    return dgettext(domain, msgid);
}

const char* trc(const char* context, const char* msgid) {
    // gettext stores a context as "context\004msgid"; when no translation is
    // found the key itself comes back, so the English is msgid, not the key.
    std::string key = std::string(context) + '\004' + msgid;
    const char* found = dgettext(domain, key.c_str());
    return found == key.c_str() ? msgid : found;
}

void bind_catalogues(const std::string& dir) {
    bindtextdomain(domain, dir.c_str());
    // Without this gettext converts messages to the character set of
    // LC_CTYPE, which gov leaves at "C": Chinese would come out as "?".
    bind_textdomain_codeset(domain, "UTF-8");
}

}  // namespace gov
