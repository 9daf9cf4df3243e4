// Analysis settings from the command line (and the config file), and the rules they select.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "migsafe/error.hpp"
#include "migsafe/finding.hpp"
#include "migsafe/lock_model.hpp"
#include "migsafe/rule.hpp"

namespace migsafe {

struct Config {
    int pg_version = k_max_pg_version;
    std::string framework;  // empty: detect
    bool assume_in_transaction = false;
    bool assume_lock_timeout = false;
    Severity fail_on = Severity::warning;
    bool allow_parse_errors = false;
    bool enable_all = false;
    std::vector<std::string> enable;   // ids or aliases
    std::vector<std::string> disable;  // ids or aliases
    bool require_suppression_reason = false;
};

struct ActiveRule {
    const Rule* rule = nullptr;
    Severity severity = Severity::warning;
    // Set by the config file: then `severity` overrides the rule's own per-finding grade.
    bool severity_configured = false;
};

// The rules that run, with their severities; unknown ids are usage errors.
[[nodiscard]] Result<std::vector<ActiveRule>> resolve_rules(const Config& config);

}  // namespace migsafe
