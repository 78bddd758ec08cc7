// gov audit log | verify
#include <fmt/format.h>

#include "commands.hpp"
#include "dates.hpp"
#include "exit_codes.hpp"
#include "gov/store/audit.hpp"
#include "gov/values/date.hpp"
#include "gov/values/error.hpp"
#include "gov/values/i18n.hpp"

namespace gov::cli {
namespace {

table audit_table(const std::vector<audit_event>& events) {
    table t;
    t.columns = {{"seq", tr("Seq"), align::right},
                 instant_column("at", tr("At")),
                 {"actor", tr("Actor")},
                 {"action", tr("Action")},
                 {"record_kind", tr("Kind")},
                 {"record_id", tr("Record")},
                 {"payload", tr("Payload")},
                 {"prev_hash", tr("Previous hash")},
                 {"hash", tr("Hash")}};
    for (const auto& e : events)
        t.rows.push_back({e.seq, e.at, e.actor, e.action, e.record_kind, e.record_id, e.payload,
                          e.prev_hash, e.hash});
    return t;
}

}  // namespace

void register_audit(CLI::App& app, session& s) {
    auto* grp = app.add_subcommand("audit", tr("the hash-chained log of every change"));
    grp->require_subcommand(1);

    struct log_opts {
        std::string since, record, format = "table";
        std::int64_t limit = 0;
    };
    auto o = std::make_shared<log_opts>();
    auto* log = grp->add_subcommand("log", tr("list audit events, oldest first"));
    log->add_option("--since", o->since, tr("only events at or after this date or time"));
    log->add_option("--record", o->record,
                    tr("only events about one record, as KIND:ID (e.g. issue:42)"));
    log->add_option("--limit", o->limit, tr("only the most recent N events"));
    format_option(*log, o->format, listing_formats);
    log->footer(tr("Example: gov audit log --record issue:42 --format json"));
    log->callback([o, &s] {
        auto format = parse_output_format(o->format);
        audit_filter f;
        f.since = optional_time_option(s, "--since", o->since);
        if (!o->record.empty()) {
            auto colon = o->record.find(':');
            f.record_kind = o->record.substr(0, colon);
            if (colon != std::string::npos) f.record_id = o->record.substr(colon + 1);
        }
        if (o->limit < 0) throw usage_error(tr("--limit must not be negative"));
        if (o->limit > 0) f.limit = o->limit;
        s.print(audit_table(list_audit(s.ctx().db(), f)), format);
    });

    grp->add_subcommand("verify", tr("walk the hash chain; exit 1 naming the first bad event"))
        ->callback([&s] {
            auto v = verify_audit(s.ctx().db());
            if (!v.intact)
                throw check_failed(fmt::format(fmt::runtime(tr("audit log broken at event {}: {}")),
                                               *v.first_bad_seq, v.problem));
            s.out() << fmt::format(fmt::runtime(tr("audit log intact: {} events\n")), v.events);
        });
}

}  // namespace gov::cli
