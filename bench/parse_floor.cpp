// parse_floor: the raw cost of libpg_query on a set of migration files.
//
// It does the least work any libpg_query-based linter must do: read each file
// and hand the whole text to pg_query_parse (JSON parse tree), then free the
// result. Single-threaded, no analysis, no output per file. bench/run.sh times
// it next to migsafe so the report shows migsafe's overhead over the parser.
//
// Usage: parse_floor [--list] PATH...
//   PATH is a file (parsed whatever its name) or a directory (every *.sql file
//   below it, recursively, in sorted order). With --list, the paths of files
//   that fail to parse are printed to stderr.
// Prints one line: "files=N parse_failures=M bytes=B".
// Exit status: 0 on success (parse failures are counted, not fatal), 2 if a
// path cannot be read.
//
// Build (done by bench/run.sh): g++ -std=c++20 -O2 parse_floor.cpp -lpg_query

#include <pg_query.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <system_error>
#include <vector>

namespace fs = std::filesystem;

namespace {

bool read_file(const fs::path& p, std::string& out) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return false;
  in.seekg(0, std::ios::end);
  const auto size = in.tellg();
  if (size < 0) return false;
  out.resize(static_cast<std::size_t>(size));
  in.seekg(0, std::ios::beg);
  if (size > 0 && !in.read(out.data(), size)) return false;
  return true;
}

bool collect(const fs::path& p, std::vector<fs::path>& files) {
  std::error_code ec;
  if (fs::is_directory(p, ec)) {
    std::vector<fs::path> found;
    for (fs::recursive_directory_iterator it(p, ec), end; !ec && it != end; it.increment(ec)) {
      if (it->is_regular_file(ec) && it->path().extension() == ".sql") found.push_back(it->path());
    }
    if (ec) {
      std::cerr << "parse_floor: cannot walk " << p << ": " << ec.message() << "\n";
      return false;
    }
    std::sort(found.begin(), found.end());
    files.insert(files.end(), std::make_move_iterator(found.begin()),
                 std::make_move_iterator(found.end()));
    return true;
  }
  if (fs::exists(p, ec)) {
    files.push_back(p);
    return true;
  }
  std::cerr << "parse_floor: no such file or directory: " << p << "\n";
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  bool list_failures = false;
  std::vector<fs::path> files;
  bool ok = true;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--list") == 0) {
      list_failures = true;
      continue;
    }
    ok = collect(argv[i], files) && ok;
  }
  if (files.empty() && ok) {
    std::cerr << "usage: parse_floor [--list] PATH...\n";
    return 2;
  }

  std::size_t failures = 0;
  std::size_t bytes = 0;
  std::string text;
  for (const auto& f : files) {
    if (!read_file(f, text)) {
      std::cerr << "parse_floor: cannot read " << f << "\n";
      ok = false;
      continue;
    }
    bytes += text.size();
    PgQueryParseResult r = pg_query_parse(text.c_str());
    if (r.error != nullptr) {
      ++failures;
      if (list_failures) std::cerr << f.string() << "\n";
    }
    pg_query_free_parse_result(r);
  }
  pg_query_exit();

  std::printf("files=%zu parse_failures=%zu bytes=%zu\n", files.size(), failures, bytes);
  return ok ? 0 : 2;
}
