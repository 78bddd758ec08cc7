#pragma once
// Private to libgov: statement journals kept in memory for a bulk write.

#include <SQLiteCpp/SQLiteCpp.h>

namespace gov::detail {

// A statement that may fail half-way keeps a journal to undo what it wrote:
// one that writes several rows, any of which may break a constraint (the
// roster import's batched INSERTs), or one that fires a trigger
// that may abort (each ballot a vote import inserts). Past 64 KiB in one statement SQLite moves
// that journal to a temporary file for the rest of the transaction, and from then on each batch
// wrote the pages it touched to it (220,000 writes at 1M rows). With temporary storage in memory
// when the transaction begins, the journals stay in memory (a few pages, freed as each statement
// ends). With 16 KiB pages four of them make 64 KiB: a vote import of 80,000 ballots took 2.5 times
// as long until it kept its journals in memory too. The setting goes
// back before indexes are built, as it also makes CREATE INDEX sort in
// memory (96 MiB at 1M rows instead of 39); SQLite allows that inside a
// transaction as long as no temporary table exists, and libgov makes none.
class memory_statement_journals {
  public:
    /// Before the transaction begins.
    explicit memory_statement_journals(SQLite::Database& db);
    memory_statement_journals(const memory_statement_journals&) = delete;
    memory_statement_journals& operator=(const memory_statement_journals&) = delete;
    ~memory_statement_journals();
    /// The previous setting again; before the indexes are built.
    void end();

  private:
    SQLite::Database& m_db;
    int m_previous = 0;
    bool m_on = false;
};

}  // namespace gov::detail
