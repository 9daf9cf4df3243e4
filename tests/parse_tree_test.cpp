#include "migsafe/parse_tree.hpp"

#include <gtest/gtest.h>

#include "migsafe/ast.hpp"

namespace migsafe {
namespace {

TEST(ParseTree, ReadsScalarsStringsAndNesting) {
    auto tree = ParseTree::read(R"({"a": [1, -2, 3.5, true, false, null], "b": {"s": "x\"y\\n\u00e9\ud83d\ude00"}})");
    ASSERT_TRUE(tree);
    const Node root{&tree->root()};
    EXPECT_EQ(root["a"].size(), 6U);
    EXPECT_EQ(root["a"].at(1).integer(), -2);
    EXPECT_FALSE(root["a"].at(2).integer().has_value());
    EXPECT_TRUE(root["a"].at(3).flag());
    EXPECT_TRUE(root["a"].at(5).empty());
    EXPECT_EQ(root["b"]["s"].str(), "x\"y\\n\xC3\xA9\xF0\x9F\x98\x80");
    EXPECT_TRUE(root["missing"].empty());
}

TEST(ParseTree, RejectsMalformedJson) {
    EXPECT_FALSE(ParseTree::read(R"({"a": })"));
    EXPECT_FALSE(ParseTree::read(R"([1, 2)"));
    EXPECT_FALSE(ParseTree::read(R"({"a": "unterminated})"));
    EXPECT_FALSE(ParseTree::read(R"({"a": 1} trailing)"));
}

// Containers larger than one arena chunk get a chunk of their own, and the
// chunk after them still has room (this overflowed once).
TEST(ParseTree, ContainersLargerThanAChunkAndAfter) {
    for (int size : {4095, 4096, 4097, 10000}) {
        std::string json = "[[";
        for (int i = 0; i < size; ++i) {
            json += (i == 0 ? "" : ",") + std::to_string(i);
        }
        json += "]";
        for (int k = 0; k < 3000; ++k) {
            json += ",[" + std::to_string(k) + "," + std::to_string(k + 1) + "]";
        }
        json += "]";
        auto tree = ParseTree::read(json);
        ASSERT_TRUE(tree) << size;
        const Node root{&tree->root()};
        ASSERT_EQ(root.size(), 3001U);
        EXPECT_EQ(root.at(0).size(), static_cast<std::size_t>(size));
        EXPECT_EQ(root.at(0).at(static_cast<std::size_t>(size - 1)).integer(), size - 1);
        EXPECT_EQ(root.at(3000).at(1).integer(), 3000);
    }
}

}  // namespace
}  // namespace migsafe
