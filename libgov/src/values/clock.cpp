#include "gov/values/clock.hpp"

namespace gov {

timestamp system_clock::now() const {
    return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

}  // namespace gov
