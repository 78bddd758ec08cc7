#include "gov/values/error.hpp"

namespace gov {

error::error(error_kind kind, const std::string& message, std::vector<std::string> details)
    : std::runtime_error(message), m_kind(kind), m_details(std::move(details)) {}

}  // namespace gov
