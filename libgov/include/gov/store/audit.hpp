#pragma once
/// \file
/// The append-only, hash-chained audit log. Every change to records is made
/// in one transaction together with an event here. Each event's hash covers
/// its own fields and the previous event's hash, so a row changed, removed or
/// inserted behind gov's back breaks the chain at that point.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "gov/values/clock.hpp"

namespace gov {

class store;

struct audit_event {
    std::int64_t seq = 0;     ///< 1, 2, 3, … without gaps
    std::string at;           ///< UTC, "YYYY-MM-DDTHH:MM:SSZ"
    std::string actor;        ///< --as, GOV_ACTOR, or the login name
    std::string action;       ///< e.g. "community.init", "roster.import"
    std::string record_kind;  ///< e.g. "issue"
    std::string record_id;    ///< e.g. "42"
    std::string payload;      ///< canonical JSON of what changed
    std::string prev_hash;    ///< hash of event seq-1 (64 zeros for the first)
    std::string hash;         ///< SHA-256 over the canonical serialisation
};

/// The SHA-256 (hex) of an event: over seq, at, actor, action, record_kind,
/// record_id, payload and prev_hash, each written as its byte length, ':',
/// the bytes and ';' so that no two different events serialise alike.
std::string audit_hash(const audit_event& e);

/// The prev_hash of the first event.
inline const std::string audit_genesis_hash(64, '0');

struct audit_filter {
    std::optional<timestamp> since;          ///< events at or after
    std::optional<std::string> record_kind;  ///< e.g. "issue"
    std::optional<std::string> record_id;    ///< with record_kind
    std::optional<std::int64_t> limit;       ///< the most recent N
};

/// Events in sequence order.
std::vector<audit_event> list_audit(store& db, const audit_filter& filter = {});

struct audit_verification {
    bool intact = true;
    std::int64_t events = 0;                    ///< events examined
    std::optional<std::int64_t> first_bad_seq;  ///< where the chain breaks
    std::string problem;                        ///< what is wrong there
};

/// Walks the chain from the first event: sequence numbers, links and hashes,
/// and the recorded head (so removing the newest events is noticed too).
audit_verification verify_audit(store& db);

}  // namespace gov
