#pragma once
/// \file
/// The one translation function every user-facing string goes through.
/// Messages are looked up in the "gov" gettext domain; without an installed
/// catalogue for the user's locale they come back unchanged (English).

namespace gov {

/// Translates a message id. The result lives as long as the program.
const char* tr(const char* msgid);

/// Marks a message id for extraction without translating it where it is
/// written: for tables of messages whose entries are translated with tr()
/// when shown (xgettext reads tr_noop as a keyword, the compiler sees the
/// string itself).
constexpr const char* tr_noop(const char* msgid) { return msgid; }

}  // namespace gov
