// parse_formats: libpg_query's two parse-tree outputs, timed on the same files.
//
// migsafe reads pg_query_parse's JSON into its own tree (ParseTree::read). The
// alternative is pg_query_parse_protobuf with protobuf-c's typed unpack. This
// times both, each way whole (parse, read or unpack, free), over the files in
// a list, three rounds, single-threaded.
//
// Not built by bench/run.sh: the protobuf header includes protobuf-c's, which
// comes with Debian's libprotobuf-c-dev, outside migsafe's dependencies.
//   apt-get install libprotobuf-c-dev
//   g++ -std=c++20 -O2 -Iinclude bench/parse_formats.cpp src/parse_tree.cpp -lpg_query -o parse_formats
//   find ../shared/corpus -name '*.sql' | sort > files.txt && ./parse_formats files.txt

#include <pg_query.h>
#include <pg_query/pg_query.pb-c.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "migsafe/parse_tree.hpp"

namespace {

using Clock = std::chrono::steady_clock;

double milliseconds_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

double time_json(const std::vector<std::string>& texts) {
  const auto start = Clock::now();
  for (const std::string& text : texts) {
    PgQueryParseResult result = pg_query_parse(text.c_str());
    if (result.error == nullptr) {
      const auto tree = migsafe::ParseTree::read(result.parse_tree);
      static_cast<void>(tree);
    }
    pg_query_free_parse_result(result);
  }
  return milliseconds_since(start);
}

double time_protobuf(const std::vector<std::string>& texts) {
  const auto start = Clock::now();
  for (const std::string& text : texts) {
    PgQueryProtobufParseResult result = pg_query_parse_protobuf(text.c_str());
    if (result.error == nullptr) {
      PgQuery__ParseResult* tree = pg_query__parse_result__unpack(
          nullptr, result.parse_tree.len, reinterpret_cast<const uint8_t*>(result.parse_tree.data));
      if (tree != nullptr) {
        pg_query__parse_result__free_unpacked(tree, nullptr);
      }
    }
    pg_query_free_protobuf_parse_result(result);
  }
  return milliseconds_since(start);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: parse_formats FILE_LIST\n");
    return 2;
  }
  std::vector<std::string> texts;
  std::ifstream list(argv[1]);
  for (std::string path; std::getline(list, path);) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    texts.push_back(text.str());
  }
  for (int round = 1; round <= 3; ++round) {
    const double json = time_json(texts);
    const double protobuf = time_protobuf(texts);
    std::printf("round %d: %zu files, JSON + ParseTree::read %.0f ms, protobuf + unpack %.0f ms\n", round,
                texts.size(), json, protobuf);
  }
  return 0;
}
