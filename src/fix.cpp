#include "migsafe/fix.hpp"

#include "migsafe/lock_model.hpp"
#include "migsafe/migration_state.hpp"
#include "migsafe/parse.hpp"

namespace migsafe {
namespace {

constexpr std::string_view k_batch_rows = "5000";
// Every batch loop ends its iteration the same way: commit the batch, let other work in.
constexpr std::string_view k_commit_and_pause = "\n    COMMIT;\n    PERFORM pg_sleep(0.05);\n  END LOOP;\nEND\n$$;";

std::string batch_loop(const std::string& statement, std::string_view counter) {
    const std::string name{counter};
    return "DO $$\nDECLARE\n  " + name + " integer;\nBEGIN\n  LOOP\n    " + statement +
           ";\n    GET DIAGNOSTICS " + name + " = ROW_COUNT;\n    EXIT WHEN " + name + " = 0;" +
           std::string{k_commit_and_pause};
}

}  // namespace

void guard_with_lock_timeout(FixPlan& plan, int pg_version) {
    for (FixPhase& phase : plan.phases) {
        const ParsedSql parsed = parse_sql(phase.sql);
        MigrationState state{TransactionMode::none, parsed.statements.size()};
        for (const Statement& statement : parsed.statements) {
            state.apply(statement, effects_of(statement, ModelContext{pg_version, nullptr}));
        }
        if (state.unguarded_lock_statement()) {
            phase.sql = "SET lock_timeout = '2s';\n" + phase.sql;
        }
    }
}

std::string not_null_check_name(const QualifiedName& table, const std::string& column) {
    return table.name + "_" + column + "_not_null_check";
}

FixPhase not_null_through_check_phase(const QualifiedName& table, const std::vector<std::string>& columns,
                                      int pg_version) {
    const std::string t = quote_name(table);
    std::string add;
    std::string validate;
    std::string set_not_null;
    std::string drop;
    for (const std::string& column : columns) {
        const std::string check = quote_identifier(not_null_check_name(table, column));
        const std::string separator = add.empty() ? " " : ",\n  ";
        add += separator + "ADD CONSTRAINT " + check + " CHECK (" + quote_identifier(column) + " IS NOT NULL) NOT VALID";
        validate += "\nALTER TABLE " + t + " VALIDATE CONSTRAINT " + check + ";";
        set_not_null += separator + "ALTER COLUMN " + quote_identifier(column) + " SET NOT NULL";
        drop += separator + "DROP CONSTRAINT IF EXISTS " + check;
    }
    std::string sql = "ALTER TABLE " + t + add + ";" + validate;
    if (pg_version < 12) {
        return FixPhase{"validate", sql, true, true,
                        "keep the CHECK: before PostgreSQL 12, SET NOT NULL scans the table even with it"};
    }
    sql += "\nALTER TABLE " + t + set_not_null + ";\nALTER TABLE " + t + drop + ";";
    return FixPhase{"validate", sql, true, true, ""};
}

std::string batched_update_sql(const QualifiedName& table, const std::string& assignments,
                               const std::string& pending) {
    const std::string t = quote_name(table);
    return batch_loop("UPDATE " + t + " SET " + assignments + "\n    WHERE ctid = ANY (ARRAY(SELECT ctid FROM " + t +
                          " WHERE " + pending + " LIMIT " + std::string{k_batch_rows} + "))",
                      "updated");
}

std::string batched_update_by_key_sql(const QualifiedName& table, const std::string& assignments,
                                      const std::string& key, const std::string& key_type) {
    const std::string t = quote_name(table);
    const std::string k = quote_identifier(key);
    return "DO $$\nDECLARE\n  batch_start " + key_type + ";\n  batch_end " + key_type +
           ";\nBEGIN\n  LOOP\n    SELECT max(" + k + ") INTO batch_end\n    FROM (SELECT " + k + " FROM " + t +
           " WHERE batch_start IS NULL OR " + k + " > batch_start ORDER BY " + k + " LIMIT " +
           std::string{k_batch_rows} + ") AS batch;\n    EXIT WHEN batch_end IS NULL;\n    UPDATE " + t + " SET " +
           assignments + "\n    WHERE (batch_start IS NULL OR " + k + " > batch_start) AND " + k +
           " <= batch_end;\n    batch_start := batch_end;" + std::string{k_commit_and_pause};
}

std::string batched_delete_sql(const QualifiedName& table, const std::string& condition) {
    const std::string t = quote_name(table);
    return batch_loop("DELETE FROM " + t + "\n    WHERE ctid = ANY (ARRAY(SELECT ctid FROM " + t +
                          (condition.empty() ? std::string{} : " WHERE " + condition) + " LIMIT " +
                          std::string{k_batch_rows} + "))",
                      "deleted");
}

}  // namespace migsafe
