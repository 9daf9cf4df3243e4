#include "migsafe/source.hpp"

#include <gtest/gtest.h>

namespace migsafe {
namespace {

TEST(LineIndex, ColumnsCountCharactersNotBytes) {
    const std::string text = "SELECT 'é';\nSELECT 'x';";
    const LineIndex lines{text};
    EXPECT_EQ(lines.position_at(0), (Position{1, 1}));
    // "SELECT 'é';" : the closing quote follows a two-byte character.
    EXPECT_EQ(lines.position_at(text.find("';")), (Position{1, 10}));
    EXPECT_EQ(lines.position_at(text.find("SELECT 'x'")), (Position{2, 1}));
    EXPECT_EQ(lines.line_text(2), "SELECT 'x';");
}

TEST(LineIndex, RangeIsInclusiveOfLastCharacter) {
    const std::string text = "ALTER TABLE t;";
    const LineIndex lines{text};
    EXPECT_EQ(lines.range_of(ByteSpan{0, 13}), (Range{{1, 1}, {1, 13}}));
}

TEST(LineIndex, CrLfAndLoneCrEndLines) {
    const std::string text = "a;\r\nb;\rc;";
    const LineIndex lines{text};
    EXPECT_EQ(lines.position_at(text.find('b')), (Position{2, 1}));
    EXPECT_EQ(lines.position_at(text.find('c')), (Position{3, 1}));
    EXPECT_EQ(lines.line_text(1), "a;");
}

TEST(LineIndex, Utf16ColumnsCountSurrogatePairs) {
    const std::string text = "x\xF0\x9F\x98\x80y";  // x, U+1F600, y
    const LineIndex lines{text};
    EXPECT_EQ(lines.utf16_column(text.find('y')), 3);
    EXPECT_EQ(lines.position_at(text.find('y')).column, 3);
}

TEST(Utf8, RejectsInvalidSequencesAndReportsOffset) {
    std::size_t offset = 0;
    EXPECT_TRUE(is_valid_utf8("plain ascii and é", &offset));
    EXPECT_FALSE(is_valid_utf8("ab\xC3(", &offset));
    EXPECT_EQ(offset, 2U);
    EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80", &offset));  // a UTF-16 surrogate encoded as UTF-8
    EXPECT_FALSE(is_valid_utf8("\xC0\xAF", &offset));      // overlong
}

TEST(Characters, ByteOffsetOfCharacterSkipsMultibyte) {
    const std::string text = "éa";
    EXPECT_EQ(byte_offset_of_character(text, 0, 1), 2U);
    EXPECT_EQ(byte_offset_of_character(text, 0, 5), text.size());
}

}  // namespace
}  // namespace migsafe
