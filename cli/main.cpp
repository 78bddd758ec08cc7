#include "app.hpp"
#include "gov/store/store.hpp"
#include "huge_pages.hpp"

int main(int argc, char** argv) {
    gov::cli::prefer_huge_pages();
    // The tool's only use of SQLite is gov, which never reads SQLite's
    // memory statistics (a mutex on every allocation otherwise).
    gov::disable_sqlite_memory_statistics();
    return gov::cli::run(argc, argv);
}
