// Migration 4: proposals, their frozen electorates and ballots. The tally
// engine (gov/voting/tally.hpp) is pure; these tables hold what it is fed:
// who may vote (frozen when a proposal opens), the ballots, and the stored
// result of a closed proposal. Triggers back up the library's own checks so
// that even a program writing the file directly cannot add a ballot to a
// closed vote, change a frozen electorate or rewrite a stored result.
// Shipped: never edit this text; a change to the schema is a new level.
#include "store/migrations/steps.hpp"

namespace gov::detail::migration {

// One SQL text, as long as the level's schema: it is run as a whole and read
// as a whole, statement after statement, so it is not cut into functions.
const char* m0004_proposals() {
    return R"sql(
-- A question put to an electorate. `rule` is the decision rule as the tally
-- file writes it (docs/tally-format.md): a JSON string naming a preset
-- ("civil-code-278") or a JSON rule object. `electorate` is the JSON
-- description of who may vote (kind, buildings, compounds or an explicit
-- list), resolved to ids when the proposal was made. Times are UTC
-- "YYYY-MM-DDTHH:MM:SSZ".
CREATE TABLE proposal (
    id           INTEGER PRIMARY KEY,
    code         TEXT UNIQUE CHECK (code IS NULL OR code <> ''),  -- e.g. P2025-001
    title        TEXT NOT NULL CHECK (title <> ''),
    text         TEXT NOT NULL DEFAULT '',
    proposer_id  INTEGER REFERENCES resident(id),
    -- The meeting that will decide it. A plain integer for now: meetings come
    -- in a later migration, whose module checks it.
    meeting_id   INTEGER,
    method       TEXT NOT NULL CHECK (method IN ('yes-no', 'approval', 'irv', 'schulze')),
    options      TEXT NOT NULL DEFAULT '[]',         -- JSON array of option names
    rule         TEXT NOT NULL,
    electorate   TEXT NOT NULL,
    revote       TEXT NOT NULL DEFAULT 'replace' CHECK (revote IN ('replace', 'refuse')),
    status       TEXT NOT NULL DEFAULT 'draft'
                 CHECK (status IN ('draft', 'open', 'closed', 'withdrawn')),
    outcome      TEXT CHECK (outcome IN ('passed', 'rejected', 'quorum_not_met')),
    result       TEXT,                               -- tally result JSON, once closed
    created_at   TEXT NOT NULL,
    created_by   TEXT NOT NULL,
    opened_at    TEXT,
    closes_at    TEXT,                               -- deadline for ballots, if any
    closed_at    TEXT,
    withdrawn_at TEXT,
    withdraw_reason TEXT NOT NULL DEFAULT '',
    CHECK ((status = 'closed') = (outcome IS NOT NULL AND result IS NOT NULL))
) STRICT;
CREATE INDEX proposal_status ON proposal(status);

CREATE TABLE proposal_seconder (
    proposal_id INTEGER NOT NULL REFERENCES proposal(id),
    resident_id INTEGER NOT NULL REFERENCES resident(id),
    PRIMARY KEY (proposal_id, resident_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE proposal_issue (
    proposal_id INTEGER NOT NULL REFERENCES proposal(id),
    issue_id    INTEGER NOT NULL REFERENCES issue(id),
    PRIMARY KEY (proposal_id, issue_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX proposal_issue_issue ON proposal_issue(issue_id);

-- The electorate, frozen when the proposal opens: later roster changes (moves,
-- new owners, corrected areas) do not alter who may vote or their weight.
-- `seq` numbers the voters 0, 1, 2, … and is their index in a tally.
-- `voter_id` is a household id or a resident id, as the electorate counts
-- voters (proposal.electorate says which); `label` is how the voter was named
-- then ("12-3-1502", or "张三 (12-3-1502)" for a resident). `weight` is the
-- floor area in 0.01 m² for owners' votes, else 100 (1.00). `grp` numbers the
-- head groups 0, 1, 2, … in order of first appearance; `group_key` names a
-- group of several voters: "owner-<id>" for an owner of one or more rooms,
-- "developer" for all the developer's unsold units together; NULL for a voter
-- who is a group of their own.
CREATE TABLE proposal_voter (
    proposal_id INTEGER NOT NULL REFERENCES proposal(id),
    seq         INTEGER NOT NULL CHECK (seq >= 0),
    voter_id    INTEGER NOT NULL,
    label       TEXT NOT NULL,
    weight      INTEGER NOT NULL CHECK (weight >= 0),
    grp         INTEGER NOT NULL CHECK (grp >= 0),
    group_key   TEXT,
    PRIMARY KEY (proposal_id, seq),
    UNIQUE (proposal_id, voter_id)
) STRICT, WITHOUT ROWID;

-- One ballot per voter per proposal: the primary key is the database's own
-- guarantee (UNIQUE (proposal_id, voter)). `voter` is proposal_voter.seq. A
-- yes/no ballot has `choice`; an approval ballot `approve` (JSON array of
-- option names); a ranked ballot `ranking` (JSON array, best first, a nested
-- array for tied options); an option ballot set aside has choice 'invalid'
-- or 'spoiled'. `proxy_id` is the resident who cast it on the voter's behalf.
CREATE TABLE ballot (
    proposal_id INTEGER NOT NULL,  -- its proposal: through the voter's foreign key below
    voter       INTEGER NOT NULL,
    -- Written with OR rather than IN: SQLite builds a temporary index for an
    -- IN list on every row it checks, which a million-row import would feel.
    choice      TEXT CHECK (choice = 'yes' OR choice = 'no' OR choice = 'abstain'
                            OR choice = 'invalid' OR choice = 'spoiled'),
    approve     TEXT,
    ranking     TEXT,
    channel     TEXT NOT NULL CHECK (channel = 'paper' OR channel = 'meeting'
                                     OR channel = 'online'),
    proxy_id    INTEGER REFERENCES resident(id),
    at          TEXT NOT NULL,
    PRIMARY KEY (proposal_id, voter),
    FOREIGN KEY (proposal_id, voter) REFERENCES proposal_voter(proposal_id, seq),
    CHECK ((choice IS NOT NULL) + (approve IS NOT NULL) + (ranking IS NOT NULL) = 1)
) STRICT, WITHOUT ROWID;

-- Status moves only draft → open → closed, or draft/open → withdrawn; a
-- closed or withdrawn proposal (its stored result included) never changes.
CREATE TRIGGER proposal_final BEFORE UPDATE ON proposal
WHEN OLD.status IN ('closed', 'withdrawn')
BEGIN SELECT RAISE(ABORT, 'a closed or withdrawn proposal cannot change'); END;
CREATE TRIGGER proposal_transition BEFORE UPDATE OF status ON proposal
WHEN NOT (NEW.status = OLD.status
          OR (OLD.status = 'draft' AND NEW.status IN ('open', 'withdrawn'))
          OR (OLD.status = 'open' AND NEW.status IN ('closed', 'withdrawn')))
BEGIN SELECT RAISE(ABORT, 'illegal proposal status change'); END;
CREATE TRIGGER proposal_no_delete BEFORE DELETE ON proposal
BEGIN SELECT RAISE(ABORT, 'proposals are never deleted; withdraw them'); END;

CREATE TRIGGER proposal_voter_frozen_insert BEFORE INSERT ON proposal_voter
WHEN (SELECT status FROM proposal WHERE id = NEW.proposal_id) IS NOT 'draft'
BEGIN SELECT RAISE(ABORT, 'the electorate is frozen once the proposal opens'); END;
CREATE TRIGGER proposal_voter_frozen_update BEFORE UPDATE ON proposal_voter
BEGIN SELECT RAISE(ABORT, 'the electorate is frozen once the proposal opens'); END;
CREATE TRIGGER proposal_voter_frozen_delete BEFORE DELETE ON proposal_voter
BEGIN SELECT RAISE(ABORT, 'the electorate is frozen once the proposal opens'); END;

CREATE TRIGGER ballot_open_insert BEFORE INSERT ON ballot
WHEN (SELECT status FROM proposal WHERE id = NEW.proposal_id) IS NOT 'open'
BEGIN SELECT RAISE(ABORT, 'ballots are accepted only while the proposal is open'); END;
CREATE TRIGGER ballot_open_update BEFORE UPDATE ON ballot
WHEN (SELECT status FROM proposal WHERE id = OLD.proposal_id) IS NOT 'open'
  OR NEW.proposal_id <> OLD.proposal_id OR NEW.voter <> OLD.voter
BEGIN SELECT RAISE(ABORT, 'ballots are accepted only while the proposal is open'); END;
CREATE TRIGGER ballot_no_delete BEFORE DELETE ON ballot
BEGIN SELECT RAISE(ABORT, 'ballots are never deleted'); END;
)sql";
}

}  // namespace gov::detail::migration
