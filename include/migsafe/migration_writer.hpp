// Fix plans written as migration files in the conventions of the user's framework:
// its file names and version numbers, and its way of running a file without a
// transaction.
#pragma once

#include <string>
#include <vector>

#include "migsafe/fix.hpp"

namespace migsafe {

// One file to write, relative to the output directory.
struct PlannedFile {
    std::string path;
    std::string content;
};

struct MigrationRequest {
    std::string framework = "plain";          // a FrameworkInfo name
    std::string original_name;                // the migration the plan replaces, e.g. "V12__add_index.sql"
    std::vector<std::string> existing_names;  // entries beside it (files, or folders for Prisma), to number after
    std::vector<FixPhase> phases;             // in the order to apply
};

// The files, in the order to apply, plus notes for what the framework needs done by
// hand (an Atlas checksum); a phase that must run outside a transaction is split into
// one file per statement when the framework sends a file as one query.
struct WrittenPlan {
    std::vector<PlannedFile> files;
    std::vector<std::string> notes;
};

[[nodiscard]] WrittenPlan migration_files(const MigrationRequest& request);

// A best-effort revert of `sql`, newest statement first: DROP ... IF EXISTS for what
// it creates or adds, a comment for what it cannot undo (a backfill, a rename).
[[nodiscard]] std::string revert_sql(const std::string& sql, bool outside_transaction);

}  // namespace migsafe
