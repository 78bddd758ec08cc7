#pragma once
// The exit codes of gov, documented in docs/cli.md. One place maps errors to them.

#include "gov/values/error.hpp"

namespace gov::cli {

enum exit_code : int {
    exit_ok = 0,
    exit_check_failed = 1,
    exit_usage = 2,
    exit_config = 3,
    exit_input = 4,
    exit_not_found = 5,
    exit_conflict = 6,
    exit_storage = 7,
    exit_internal = 70,
};

inline int exit_code_for(error_kind kind) {
    switch (kind) {
        case error_kind::check_failed:
            return exit_check_failed;
        case error_kind::usage:
            return exit_usage;
        case error_kind::config:
            return exit_config;
        case error_kind::input:
            return exit_input;
        case error_kind::not_found:
            return exit_not_found;
        case error_kind::conflict:
            return exit_conflict;
        case error_kind::storage:
            return exit_storage;
        case error_kind::internal:
            return exit_internal;
    }
    return exit_internal;
}

}  // namespace gov::cli
