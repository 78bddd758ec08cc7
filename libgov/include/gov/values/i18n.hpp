#pragma once
/// \file
/// The translation functions every user-facing string goes through.
/// Messages are looked up in the "gov" gettext domain; without a catalogue
/// for the chosen language they come back unchanged (English). Which
/// language is chosen is the program's business (gov's is cli/language.cpp):
/// the library only looks messages up.

#include <string>

namespace gov {

/// Translates a message id. The result lives as long as the program.
const char* tr(const char* msgid);

/// Translates a message id that means different things in different places
/// ("open" the state, "open" the verb): gettext's msgctxt. xgettext reads
/// trc's first argument as the context, its second as the message id.
const char* trc(const char* context, const char* msgid);

/// Marks a message id for extraction without translating it where it is
/// written: for tables of messages whose entries are translated with tr()
/// when shown (xgettext reads tr_noop as a keyword, the compiler sees the
/// string itself).
constexpr const char* tr_noop(const char* msgid) {
    return msgid;
}

/// Tells gettext where gov's compiled catalogues are
/// (DIR/<language>/LC_MESSAGES/gov.mo) and that they are to be read as
/// UTF-8 whatever the program's character locale is.
void bind_catalogues(const std::string& dir);

}  // namespace gov
