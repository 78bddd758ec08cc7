// Uses libgov through its installed headers only.
#include <gov/store/version.hpp>
#include <gov/values/date.hpp>

#include <cstdio>

int main() {
    auto d = gov::parse_date("2026-11-27");
    std::printf("gov %s %s\n", gov::version(),
                d ? gov::format_date(gov::add_days(*d, 5)).c_str() : "?");
    return d ? 0 : 1;
}
