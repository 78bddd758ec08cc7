#include "gov/values/i18n.hpp"

#include <libintl.h>

namespace gov {

const char* tr(const char* msgid) {
    // dgettext returns msgid itself when no catalogue is bound or found, so
    // English is the fallback without any configuration.
    return dgettext("gov", msgid);
}

}  // namespace gov
