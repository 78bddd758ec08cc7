#include <catch2/catch.hpp>

#include <map>
#include <random>
#include <string>

#include "bulk/short_key_map.hpp"

using gov::detail::short_key_map;

TEST_CASE("short key map: finds what was put, by exact text, at any size", "[short_key_map]") {
    short_key_map m;
    CHECK(m.find("12") == nullptr);  // empty
    m.put("12", 7);
    m.put("", 3);                      // an empty key is a key
    m.put("新华里3期/2154", 9);        // 19 bytes: in its slot
    m.put("新华里三期北区/2154", 10);  // 26 bytes: kept aside
    m.put(std::string(22, 'x'), 22);   // the longest kept in a slot
    m.put(std::string(23, 'x'), 23);   // the shortest kept aside
    REQUIRE(m.find("12") != nullptr);
    CHECK(*m.find("12") == 7);
    CHECK(*m.find("") == 3);
    CHECK(*m.find("新华里3期/2154") == 9);
    CHECK(*m.find("新华里三期北区/2154") == 10);
    CHECK(*m.find(std::string(22, 'x')) == 22);
    CHECK(*m.find(std::string(23, 'x')) == 23);
    CHECK(m.find("1") == nullptr);  // a prefix is not the key
    CHECK(m.find("12 ") == nullptr);
    CHECK(m.find(std::string(21, 'x')) == nullptr);
    m.put("12", 8);  // replaces
    CHECK(*m.find("12") == 8);
}

TEST_CASE("short key map: agrees with std::map over thousands of keys as it grows",
          "[short_key_map]") {
    std::mt19937 random(7);
    std::uniform_int_distribution<int> length(0, 30), letter('0', '9');
    short_key_map m;
    std::map<std::string, std::int64_t> expected;
    for (int i = 0; i < 5000; ++i) {
        std::string key(static_cast<std::size_t>(length(random)), ' ');
        for (char& c : key) c = static_cast<char>(letter(random));
        m.put(key, i);
        expected[key] = i;
        if (i % 997 == 0)  // check all so far, through each growth of the table
            for (const auto& [k, v] : expected) {
                const std::int64_t* found = m.find(k);
                REQUIRE(found != nullptr);
                CHECK(*found == v);
            }
    }
    for (const auto& [k, v] : expected) {
        REQUIRE(m.find(k) != nullptr);
        CHECK(*m.find(k) == v);
        CHECK(m.find(k + "a") == nullptr);
    }
}
