#include "migsafe/discover.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iterator>
#include <set>

#include "migsafe/file_contents.hpp"

namespace migsafe {
namespace fs = std::filesystem;

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool has_sql_extension(const fs::path& path) {
    std::string extension = path.extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return extension == ".sql";
}

// Collects *.sql below `directory`; symlinked directories are followed once
// (a visited set breaks loops).
// `canonical` is the directory's real path, kept to stop at a symlink loop. It is
// derived from the parent's for real subdirectories and resolved only through
// symlinks, since fs::canonical stats every component of the path.
void collect_directory(const fs::path& directory, const fs::path& canonical, std::vector<std::string>& files,
                       std::set<fs::path>& visited, std::vector<std::string>& problems) {
    if (canonical.empty() || !visited.insert(canonical).second) {
        return;
    }
    std::error_code error;
    std::vector<fs::directory_entry> entries;
    for (fs::directory_iterator it{directory, fs::directory_options::skip_permission_denied, error}, end;
         !error && it != end; it.increment(error)) {
        entries.push_back(*it);
    }
    if (error) {
        problems.push_back(directory.string() + ": " + error.message());
        return;
    }
    for (const fs::directory_entry& entry : entries) {
        std::error_code status_error;
        if (entry.is_directory(status_error)) {
            const std::string name = entry.path().filename().string();
            if (!name.empty() && name[0] == '.') {
                continue;  // .git, .cache and friends hold no migrations
            }
            const fs::path child = entry.is_symlink(status_error) ? fs::canonical(entry.path(), status_error)
                                                                  : canonical / name;
            collect_directory(entry.path(), status_error ? fs::path{} : child, files, visited, problems);
        } else if (has_sql_extension(entry.path()) && entry.is_regular_file(status_error)) {
            files.push_back(entry.path().string());
        }
    }
}

}  // namespace

bool natural_less(std::string_view a, std::string_view b) {
    std::size_t i = 0;
    std::size_t j = 0;
    while (i < a.size() && j < b.size()) {
        if (is_digit(a[i]) && is_digit(b[j])) {
            std::size_t i_end = i;
            std::size_t j_end = j;
            while (i_end < a.size() && is_digit(a[i_end])) {
                ++i_end;
            }
            while (j_end < b.size() && is_digit(b[j_end])) {
                ++j_end;
            }
            // Compare values without overflow: strip leading zeros, then length, then digits.
            std::string_view x = a.substr(i, i_end - i);
            std::string_view y = b.substr(j, j_end - j);
            const auto x_start = x.find_first_not_of('0');
            const auto y_start = y.find_first_not_of('0');
            x = x_start == std::string_view::npos ? std::string_view{} : x.substr(x_start);
            y = y_start == std::string_view::npos ? std::string_view{} : y.substr(y_start);
            if (x.size() != y.size()) {
                return x.size() < y.size();
            }
            if (x != y) {
                return x < y;
            }
            i = i_end;
            j = j_end;
            continue;
        }
        if (a[i] != b[j]) {
            return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[j]);
        }
        ++i;
        ++j;
    }
    if ((a.size() - i) != (b.size() - j)) {
        return (a.size() - i) < (b.size() - j);
    }
    return a < b;  // equal by value ("01" vs "1"): any stable order
}

Result<std::vector<CollectedFile>> collect_migration_files(const std::vector<std::string>& paths,
                                                          const CollectOptions& options) {
    std::vector<CollectedFile> result;
    std::vector<std::size_t> group_of;  // which command-line path each file came from
    for (std::size_t g = 0; g < paths.size(); ++g) {
        const std::string& path = paths[g];
        if (path == "-") {
            result.push_back(CollectedFile{path, true, {}});
            group_of.push_back(g);
            continue;
        }
        std::error_code error;
        const fs::file_status status = fs::status(path, error);
        if (error || !fs::exists(status)) {
            return make_error(ErrorKind::io, "no such file or directory", path);
        }
        if (fs::is_directory(status)) {
            std::vector<std::string> files;
            std::set<fs::path> visited;
            std::vector<std::string> problems;
            collect_directory(path, fs::canonical(path, error), files, visited, problems);
            if (!problems.empty()) {
                return make_error(ErrorKind::io, "cannot read directory: " + problems.front(), path);
            }
            if (files.empty()) {
                return make_error(ErrorKind::io, "directory contains no .sql files", path);
            }
            for (std::string& file : files) {
                result.push_back(CollectedFile{std::move(file), false, {}});
                group_of.push_back(g);
            }
        } else {
            result.push_back(CollectedFile{path, true, {}});
            group_of.push_back(g);
        }
    }
    std::vector<std::string> all_paths;
    all_paths.reserve(result.size());
    for (const CollectedFile& file : result) {
        all_paths.push_back(file.path);
    }
    std::vector<Placement> placements = place_files(all_paths, options.framework, options.framework_origin, options.jobs);
    for (std::size_t i = 0; i < result.size(); ++i) {
        result[i].placement = std::move(placements[i]);
    }
    // Within each directory given, the tool's order; directories themselves by name.
    std::vector<std::size_t> order(result.size());
    for (std::size_t i = 0; i < order.size(); ++i) {
        order[i] = i;
    }
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        if (group_of[a] != group_of[b]) {
            return group_of[a] < group_of[b];
        }
        const Placement& x = result[a].placement;
        const Placement& y = result[b].placement;
        if (x.root != y.root) {
            return natural_less(x.root, y.root);
        }
        if (x.order_key != y.order_key) {
            return natural_less(x.order_key, y.order_key);
        }
        return natural_less(result[a].path, result[b].path);
    });
    std::vector<CollectedFile> ordered;
    ordered.reserve(result.size());
    for (std::size_t i : order) {
        CollectedFile& file = result[i];
        // Down migrations found in a directory are linted only with --check-down.
        if (!file.named_explicitly && !options.include_down &&
            file.placement.direction == MigrationDirection::down) {
            continue;
        }
        ordered.push_back(std::move(file));
    }
    return ordered;
}

Result<SourceFile> read_source_file(const std::string& path) {
    SourceFile file;
    file.path = path;
    file.display_path = path;
    std::optional<std::string> text = file_contents(path);
    if (!text && errno == EISDIR) {
        return make_error(ErrorKind::io, "is a directory, not a file", path);
    }
    if (!text) {
        return make_error(ErrorKind::io, std::string{"cannot read file: "} + std::strerror(errno), path);
    }
    file.text = std::move(*text);
    return file;
}

namespace {

struct Line {
    std::size_t begin = 0;
    std::size_t end = 0;   // before the newline (and a '\r')
    std::size_t next = 0;  // after the newline
    std::string lowered;
};

std::vector<Line> lines_of(std::string_view text) {
    std::vector<Line> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        const std::size_t next = end == std::string_view::npos ? text.size() : end + 1;
        if (end == std::string_view::npos) {
            end = text.size();
        }
        std::size_t trimmed = end;
        if (trimmed > start && text[trimmed - 1] == '\r') {
            --trimmed;
        }
        std::string lowered{text.substr(start, trimmed - start)};
        std::transform(lowered.begin(), lowered.end(), lowered.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        lines.push_back(Line{start, trimmed, next, std::move(lowered)});
        start = next;
    }
    return lines;
}

// "-- migrate:up transaction:false" -> "migrate:up transaction:false"; empty when not a "--" line.
std::string directive(const Line& line) {
    if (line.lowered.rfind("--", 0) != 0) {
        return {};
    }
    const std::size_t start = line.lowered.find_first_not_of(" \t", 2);
    return start == std::string::npos ? std::string{} : line.lowered.substr(start);
}

bool starts_with_lowered(std::string_view text, std::string_view prefix) {
    if (text.size() < prefix.size()) {
        return false;
    }
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(text[i])) != static_cast<unsigned char>(prefix[i])) {
            return false;
        }
    }
    return true;
}

bool has_sql(std::string_view text, ByteSpan span) { return skip_trivia(text, span.begin, span.end) < span.end; }

void add_section(std::vector<FileSection>& sections, ByteSpan span, TransactionMode mode, MigrationDirection direction,
                 std::string label) {
    FileSection section;
    section.span = span;
    section.transaction = mode;
    section.direction = direction;
    section.label = std::move(label);
    sections.push_back(std::move(section));
}

void plan_dbmate(const SourceFile& file, FilePlan& plan) {
    const std::vector<Line> lines = lines_of(file.text);
    std::optional<std::size_t> up;
    std::optional<std::size_t> down;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const std::string text = directive(lines[i]);
        if (text.rfind("migrate:up", 0) == 0 && !up) {
            up = i;
        } else if (text.rfind("migrate:down", 0) == 0 && !down) {
            down = i;
        }
    }
    if (!up) {
        plan.problem = "dbmate needs a '-- migrate:up' marker line and refuses this file";
        return;
    }
    auto mode_of = [&](std::size_t line) {
        return directive(lines[line]).find("transaction:false") != std::string::npos ? TransactionMode::single_query
                                                                                      : TransactionMode::per_file;
    };
    const std::size_t up_end = down && *down > *up ? lines[*down].begin : file.text.size();
    add_section(plan.up, ByteSpan{lines[*up].next, up_end}, mode_of(*up), MigrationDirection::up, "up section");
    plan.up.back().has_down = down.has_value() && has_sql(file.text, ByteSpan{lines[*down].next, file.text.size()});
    if (down) {
        const std::size_t down_end = *up > *down ? lines[*up].begin : file.text.size();
        add_section(plan.down, ByteSpan{lines[*down].next, down_end}, mode_of(*down), MigrationDirection::down,
                    "down section");
    }
    if (mode_of(*up) == TransactionMode::single_query) {
        plan.reason += "; transaction:false on the up marker";
    }
}

// goose: each statement runs on its own, inside the migration's transaction unless
// NO TRANSACTION; StatementBegin/End hold one statement that may contain semicolons.
void plan_goose(const SourceFile& file, FilePlan& plan) {
    const std::vector<Line> lines = lines_of(file.text);
    bool no_transaction = false;
    std::optional<std::size_t> up;
    std::optional<std::size_t> down;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const std::string& text = lines[i].lowered;
        if (text.rfind("-- +goose ", 0) != 0) {
            continue;
        }
        const std::string command = text.substr(10);
        if (command.rfind("up", 0) == 0 && !up) {
            up = i;
        } else if (command.rfind("down", 0) == 0 && !down) {
            down = i;
        } else if (command.rfind("no transaction", 0) == 0) {
            no_transaction = true;
        }
    }
    if (!up) {
        plan.problem = "goose needs a '-- +goose Up' annotation and refuses this file";
        return;
    }
    const TransactionMode mode = no_transaction ? TransactionMode::none : TransactionMode::per_file;
    if (no_transaction) {
        plan.reason += "; -- +goose NO TRANSACTION";
    }
    auto section_of = [&](std::size_t first, std::size_t last_line, MigrationDirection direction) {
        FileSection section;
        section.span = ByteSpan{lines[first].next, last_line < lines.size() ? lines[last_line].begin
                                                                             : file.text.size()};
        section.transaction = mode;
        section.direction = direction;
        section.label = direction == MigrationDirection::up ? "up section" : "down section";
        std::size_t piece_start = section.span.begin;
        for (std::size_t i = first + 1; i < lines.size() && i < last_line; ++i) {
            const std::string& text = lines[i].lowered;
            if (text.rfind("-- +goose statementbegin", 0) == 0 || text.rfind("-- +goose statementend", 0) == 0) {
                if (has_sql(file.text, ByteSpan{piece_start, lines[i].begin})) {
                    section.pieces.push_back(ByteSpan{piece_start, lines[i].begin});
                }
                piece_start = lines[i].next;
            }
        }
        if (!section.pieces.empty() && has_sql(file.text, ByteSpan{piece_start, section.span.end})) {
            section.pieces.push_back(ByteSpan{piece_start, section.span.end});
        }
        return section;
    };
    const std::size_t up_last = down && *down > *up ? *down : lines.size();
    plan.up.push_back(section_of(*up, up_last, MigrationDirection::up));
    if (down) {
        plan.down.push_back(section_of(*down, *up > *down ? *up : lines.size(), MigrationDirection::down));
        plan.up.back().has_down = has_sql(file.text, plan.down.back().span);
    } else {
        plan.up.back().has_down = false;
    }
}

// Liquibase formatted SQL: each changeset is a unit; its --rollback lines are its down.
void plan_liquibase(const SourceFile& file, FilePlan& plan) {
    const std::vector<Line> lines = lines_of(file.text);
    std::vector<std::size_t> starts;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (directive(lines[i]).rfind("changeset ", 0) == 0) {
            starts.push_back(i);
        }
    }
    for (std::size_t k = 0; k < starts.size(); ++k) {
        const std::size_t first = starts[k];
        const std::size_t last = k + 1 < starts.size() ? starts[k + 1] : lines.size();
        const std::string header = directive(lines[first]);
        const bool no_transaction = header.find("runintransaction:false") != std::string::npos;
        const bool unsplit = header.find("splitstatements:false") != std::string::npos;
        // Unsplit, the changeset goes to the driver as one string: one implicit transaction.
        const TransactionMode mode = !no_transaction ? TransactionMode::per_file
                                     : unsplit       ? TransactionMode::single_query
                                                     : TransactionMode::none;
        const std::size_t end = last < lines.size() ? lines[last].begin : file.text.size();
        const std::string id = std::string{file.text.substr(lines[first].begin, lines[first].end - lines[first].begin)};
        const std::size_t name_start = id.find("changeset");
        std::string label = id.substr(name_start);
        label = label.substr(0, label.find(' ', 10));
        add_section(plan.up, ByteSpan{lines[first].next, end}, mode, MigrationDirection::up, label);
        auto masked = std::make_shared<std::string>(file.text.size(), ' ');
        bool rollback = false;
        for (std::size_t i = first + 1; i < last; ++i) {
            const std::string text = directive(lines[i]);
            if (text.rfind("rollback", 0) != 0 || text == "rollback not required" || text == "rollback empty") {
                continue;
            }
            const std::size_t word = lines[i].begin + lines[i].lowered.find("rollback") + 8;
            const std::size_t content = std::min(file.text.find_first_not_of(" \t", word), lines[i].end);
            if (content < lines[i].end) {
                std::copy(file.text.begin() + static_cast<std::ptrdiff_t>(content),
                          file.text.begin() + static_cast<std::ptrdiff_t>(lines[i].end),
                          masked->begin() + static_cast<std::ptrdiff_t>(content));
                rollback = true;
            }
        }
        for (std::size_t i = 0; i < file.text.size(); ++i) {
            if (file.text[i] == '\n') {
                (*masked)[i] = '\n';
            }
        }
        plan.up.back().has_down = rollback;
        if (rollback) {
            add_section(plan.down, ByteSpan{lines[first].next, end}, mode, MigrationDirection::down,
                        label + " rollback");
            plan.down.back().text = std::move(masked);
        }
    }
    if (starts.empty()) {
        plan.problem = "Liquibase formatted SQL needs '--changeset author:id' lines; this file has none";
    }
}

// Drizzle runs the chunks between '--> statement-breakpoint' lines one by one.
std::vector<ByteSpan> drizzle_pieces(std::string_view text) {
    std::vector<ByteSpan> pieces;
    std::size_t start = 0;
    for (const Line& line : lines_of(text)) {
        if (line.lowered.rfind("--> statement-breakpoint", 0) == 0) {
            pieces.push_back(ByteSpan{start, line.begin});
            start = line.next;
        }
    }
    if (!pieces.empty()) {
        pieces.push_back(ByteSpan{start, text.size()});
    }
    return pieces;
}

TransactionMode atlas_mode(std::string_view text, std::string& reason) {
    for (const Line& line : lines_of(text)) {
        const std::string command = directive(line);
        if (command.rfind("atlas:txmode", 0) == 0) {
            reason += "; -- " + command;
            return command.find("none") != std::string::npos ? TransactionMode::none : TransactionMode::per_file;
        }
        if (!line.lowered.empty() && line.lowered.rfind("--", 0) != 0) {
            break;  // directives sit in the header
        }
    }
    return TransactionMode::per_file;
}

}  // namespace

FilePlan plan_file(const SourceFile& file, const PlanOptions& options, const Placement* placement) {
    Placement single;
    if (placement == nullptr) {
        const std::string path = file.path == "-" ? std::string{"-"} : file.path;
        single = place_files({path}, options.framework, options.framework_origin).front();
        placement = &single;
    }
    FilePlan plan;
    plan.framework = placement->framework;
    plan.reason = placement->reason;
    plan.problem = placement->problem;
    plan.skipped = placement->skipped;
    if (plan.framework == "plain" && options.framework.empty()) {
        // Standard input and lone files: their own markers still say which tool runs them.
        const ContentMarker marker = framework_from_content(file.text);
        if (!marker.framework.empty()) {
            plan.framework = marker.framework;
            plan.reason = marker.reason;
        }
    }
    const FrameworkInfo* info = find_framework(plan.framework);
    if (info == nullptr) {
        plan.problem = "unknown framework '" + plan.framework + "' (known: " + framework_names() + ")";
        info = find_framework("plain");
        plan.framework = "plain";
    }
    if (!placement->mode_reason.empty()) {
        plan.reason += "; " + placement->mode_reason;
    }
    const ByteSpan whole{0, file.text.size()};
    const MigrationDirection direction = placement->direction;
    auto whole_file = [&](TransactionMode mode) {
        add_section(direction == MigrationDirection::up ? plan.up : plan.down, whole, placement->mode.value_or(mode),
                    direction, direction == MigrationDirection::up ? "file" : "down file");
        if (direction == MigrationDirection::up && info->has_downs) {
            plan.up.back().has_down = placement->down_file_exists.value_or(false);
        }
    };
    const std::string& name = plan.framework;
    if (name == "dbmate") {
        plan_dbmate(file, plan);
    } else if (name == "goose") {
        plan_goose(file, plan);
    } else if (name == "liquibase") {
        plan_liquibase(file, plan);
    } else if (name == "atlas") {
        whole_file(atlas_mode(file.text, plan.reason));
    } else if (name == "morph") {
        const bool nontransactional = starts_with_lowered(file.text, "-- morph:nontransactional");
        if (nontransactional) {
            plan.reason += "; first line -- morph:nontransactional: no transaction, the file sent as one query";
        }
        whole_file(nontransactional ? TransactionMode::single_query : TransactionMode::per_file);
    } else if (name == "drizzle") {
        whole_file(TransactionMode::per_file);
        std::vector<FileSection>& sections = direction == MigrationDirection::up ? plan.up : plan.down;
        sections.back().pieces = drizzle_pieces(file.text);
    } else if (name == "flyway") {
        whole_file(TransactionMode::per_file);
        std::vector<FileSection>& sections = direction == MigrationDirection::up ? plan.up : plan.down;
        sections.back().runs_without_transaction_when_all_need_it = !placement->mode.has_value();
    } else if (name == "plain") {
        whole_file(options.assume_in_transaction ? TransactionMode::per_file : TransactionMode::none);
    } else {
        whole_file(info->mode);
    }
    return plan;
}

std::vector<FileSection> sections_to_lint(const FilePlan& plan, bool check_down) {
    std::vector<FileSection> sections = plan.up;
    if (check_down) {
        sections.insert(sections.end(), plan.down.begin(), plan.down.end());
    }
    return sections;
}

ParsedSection parse_section(const SourceFile& file, const FileSection& section, const ModelContext& model) {
    ParsedSection result;
    const std::string_view text = section.text ? std::string_view{*section.text} : std::string_view{file.text};
    if (section.pieces.empty()) {
        result.parsed = parse_sql(text, section.span);
    } else {
        for (const ByteSpan& piece : section.pieces) {
            ParsedSql part = parse_sql(text, piece);
            for (Statement& statement : part.statements) {
                result.parsed.statements.push_back(std::move(statement));
            }
            result.parsed.errors.insert(result.parsed.errors.end(), part.errors.begin(), part.errors.end());
            result.parsed.notes.insert(result.parsed.notes.end(), part.notes.begin(), part.notes.end());
        }
    }
    for (std::size_t i = 0; i < result.parsed.statements.size(); ++i) {
        result.parsed.statements[i].index = i;
    }
    result.transaction = section.transaction;
    if (section.runs_without_transaction_when_all_need_it && !result.parsed.statements.empty() &&
        std::all_of(result.parsed.statements.begin(), result.parsed.statements.end(),
                    [&](const Statement& statement) { return effects_of(statement, model).requires_no_transaction; })) {
        result.transaction = TransactionMode::none;
    }
    return result;
}

UnitInfo unit_info(const FilePlan& plan, const FileSection& section, const SourceFile& file,
                   TransactionMode transaction) {
    UnitInfo unit;
    unit.framework = plan.framework;
    if (const FrameworkInfo* info = find_framework(plan.framework)) {
        unit.display = std::string{info->display};
        unit.wrapper = std::string{info->wrapper};
        unit.opt_out = std::string{info->opt_out};
        // An opt-out that still sends the unit as one string (dbmate transaction:false,
        // morph nontransactional, popx .autocommit) leaves the implicit transaction.
        if (transaction == TransactionMode::single_query && info->mode != TransactionMode::single_query) {
            unit.wrapper = "the implicit transaction of a unit " + unit.display +
                           " sends as one multi-statement query";
            unit.opt_out = "keep the statement alone in its migration: " + unit.opt_out;
        }
    }
    unit.down = section.direction == MigrationDirection::down;
    unit.has_down = section.has_down;
    const std::string_view text = section.text ? std::string_view{*section.text} : std::string_view{file.text};
    unit.begin = skip_trivia(text, section.span.begin, section.span.end);
    return unit;
}

}  // namespace migsafe
