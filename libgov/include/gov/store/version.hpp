#pragma once
/// \file
/// The version of libgov.

namespace gov {

/// "MAJOR.MINOR.PATCH".
const char* version();

}  // namespace gov
