#include "gov/store/version.hpp"

#include "gov_version_config.hpp"

namespace gov {

const char* version() {
    return GOV_VERSION_STRING;
}

}  // namespace gov
