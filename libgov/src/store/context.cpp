#include "gov/store/context.hpp"

#include <fstream>

#include <fmt/format.h>

#include "gov/values/error.hpp"
#include "gov/values/i18n.hpp"
#include "store/interface.hpp"

namespace gov {
namespace fs = std::filesystem;

context::context(config cfg, store db, const clock& clk, std::string actor)
    : m_cfg(std::move(cfg)), m_db(std::move(db)), m_clock(&clk), m_actor(std::move(actor)) {}

context open_context(const config& cfg, const clock& clk, std::string actor) {
    store db = store::open(cfg.database, store_options{cfg.busy_timeout});
    return context(cfg, std::move(db), clk, std::move(actor));
}

init_result init_community(const fs::path& dir, std::string_view name, const clock& clk,
                           const std::string& actor) {
    if (name.empty()) throw usage_error(tr("a community needs a name (--name)"));
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec)
        throw storage_error(fmt::format(fmt::runtime(tr("{}: cannot create the folder: {}")),
                                        dir.string(), ec.message()));
    fs::path toml = fs::absolute(dir / "gov.toml").lexically_normal();
    if (fs::exists(toml))
        throw conflict(fmt::format(fmt::runtime(tr("{}: already exists; refusing to overwrite it")),
                                   toml.string()));
    std::string text = config_template(name);
    config cfg = parse_config(text, toml);  // the template must itself be valid
    if (fs::exists(cfg.database))
        throw conflict(fmt::format(fmt::runtime(tr("{}: already exists; refusing to overwrite it")),
                                   cfg.database.string()));
    store db = store::create(cfg.database, store_options{cfg.busy_timeout});
    try {
        context ctx(cfg, std::move(db), clk, actor);
        detail::write_transaction tx(ctx);
        tx.audit("community.init", "community", "1",
                 {{"name", std::string(name)}, {"schema", store::latest_schema_version()}});
        tx.commit();
        std::ofstream out(toml, std::ios::binary | std::ios::trunc);
        out << text;
        out.close();
        if (!out)
            throw storage_error(fmt::format(fmt::runtime(tr("{}: cannot write")), toml.string()));
    } catch (...) {
        for (const char* suffix : {"", "-wal", "-shm"})
            fs::remove(cfg.database.string() + suffix, ec);
        fs::remove(toml, ec);
        throw;
    }
    return {toml, cfg.database};
}

}  // namespace gov
