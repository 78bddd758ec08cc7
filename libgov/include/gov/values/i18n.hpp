#pragma once
/// \file
/// The one translation function every user-facing string goes through.
/// Messages are looked up in the "gov" gettext domain; without an installed
/// catalogue for the user's locale they come back unchanged (English).

namespace gov {

/// Translates a message id. The result lives as long as the program.
const char* tr(const char* msgid);

}  // namespace gov
