// Migration 2: the roster — compounds, buildings, units, households, residents
// and owners; partner parties and the party organisation; and one row per
// roster import. Everything else refers to these rows: issues to buildings
// and residents, votes to owners and their floor area, projects to parties.
// Owner idents were unique through a constraint here; level 7 made that a
// named index.
// Shipped: never edit this text; a change to the schema is a new level.
#include "store/migrations/steps.hpp"

namespace gov::detail::migration {

// One SQL text, as long as the level's schema: it is run as a whole and read
// as a whole, statement after statement, so it is not cut into functions.
const char* m0002_roster() {
    return R"sql(
CREATE TABLE compound (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
) STRICT;

CREATE TABLE building (
    id          INTEGER PRIMARY KEY,
    compound_id INTEGER NOT NULL REFERENCES compound(id),
    name        TEXT NOT NULL,                    -- 楼栋 as written, e.g. "12"
    leader_id   INTEGER REFERENCES resident(id),  -- 楼长: at most one per building
    UNIQUE (compound_id, name)
) STRICT;
CREATE INDEX building_name ON building(name);

CREATE TABLE unit (
    id          INTEGER PRIMARY KEY,
    building_id INTEGER NOT NULL REFERENCES building(id),
    name        TEXT NOT NULL,                    -- 单元, e.g. "3"
    UNIQUE (building_id, name)
) STRICT;

-- A household is a room (房号) and whoever lives in it or owns it.
CREATE TABLE household (
    id         INTEGER PRIMARY KEY,
    unit_id    INTEGER NOT NULL REFERENCES unit(id),
    room       TEXT NOT NULL,                     -- 房号, e.g. "1502"
    area_centi INTEGER CHECK (area_centi IS NULL OR area_centi > 0),  -- floor area, 0.01 m²
    UNIQUE (unit_id, room)
) STRICT;

-- One owner is one person however many rooms they own: votes count one head
-- per owner and the area of each room. `ident` is "phone|name", or
-- "room:<household id>|name" for an owner recorded without a phone.
CREATE TABLE owner (
    id           INTEGER PRIMARY KEY,
    ident        TEXT NOT NULL UNIQUE,
    name         TEXT NOT NULL,
    phone        TEXT NOT NULL DEFAULT '',
    is_developer INTEGER NOT NULL DEFAULT 0 CHECK (is_developer IN (0, 1))
) STRICT;

CREATE TABLE resident (
    id               INTEGER PRIMARY KEY,
    household_id     INTEGER NOT NULL REFERENCES household(id),
    name             TEXT NOT NULL,
    gender           TEXT NOT NULL DEFAULT '',    -- 男, 女 or unknown ''
    birth_year       INTEGER,
    phone            TEXT NOT NULL DEFAULT '',
    role             TEXT NOT NULL,               -- one of [roster] roles
    party_member     INTEGER NOT NULL DEFAULT 0 CHECK (party_member IN (0, 1)),
    volunteer        INTEGER NOT NULL DEFAULT 0 CHECK (volunteer IN (0, 1)),
    committee_member INTEGER NOT NULL DEFAULT 0 CHECK (committee_member IN (0, 1)),
    moved_in         TEXT,                        -- YYYY-MM-DD
    moved_out        TEXT,                        -- YYYY-MM-DD, set when no longer living here
    remark           TEXT NOT NULL DEFAULT '',
    active           INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    owner_id         INTEGER REFERENCES owner(id)
) STRICT;
CREATE INDEX resident_household ON resident(household_id, name);
CREATE INDEX resident_phone ON resident(phone) WHERE phone <> '';
CREATE INDEX resident_owner ON resident(owner_id) WHERE owner_id IS NOT NULL;

-- Partner parties: the community office itself, the owners' committee
-- (业委会), property management (物业), social organisations and co-building
-- units (共建单位). Issues are assigned to them; projects are funded by them.
CREATE TABLE party (
    id      INTEGER PRIMARY KEY,
    name    TEXT NOT NULL UNIQUE,
    kind    TEXT NOT NULL CHECK (kind IN ('community', 'owners_committee', 'property_management',
                                          'social_organisation', 'co_building_unit', 'other')),
    contact TEXT NOT NULL DEFAULT '',
    active  INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
) STRICT;

-- The party organisation: community party committee → compound branch →
-- building group → party-member household (党员中心户), which looks after
-- the households listed in org_unit_household.
CREATE TABLE org_unit (
    id           INTEGER PRIMARY KEY,
    parent_id    INTEGER REFERENCES org_unit(id),
    kind         TEXT NOT NULL CHECK (kind IN ('party_committee', 'compound_branch',
                                               'building_group', 'party_household')),
    name         TEXT NOT NULL,
    compound_id  INTEGER REFERENCES compound(id),
    building_id  INTEGER REFERENCES building(id),
    household_id INTEGER REFERENCES household(id),
    UNIQUE (parent_id, name)
) STRICT;

CREATE TABLE org_unit_household (
    org_unit_id  INTEGER NOT NULL REFERENCES org_unit(id),
    household_id INTEGER NOT NULL REFERENCES household(id),
    PRIMARY KEY (org_unit_id, household_id)
) STRICT, WITHOUT ROWID;

-- One row per roster import that changed the database, for "changes since
-- the last import" in summaries.
CREATE TABLE roster_import (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    file      TEXT NOT NULL,
    sha256    TEXT NOT NULL,
    rows      INTEGER NOT NULL,
    added     INTEGER NOT NULL,
    updated   INTEGER NOT NULL,
    unchanged INTEGER NOT NULL,
    moved_out INTEGER NOT NULL,
    invalid   INTEGER NOT NULL
) STRICT;
)sql";
}

}  // namespace gov::detail::migration
