#include "migsafe/rule.hpp"

#include "migsafe/parse.hpp"

namespace migsafe {

ByteSpan StatementContext::span_from(Node node) const {
    const auto location = node.location();
    if (!location) {
        return m_statement.span;
    }
    const std::size_t begin = m_statement.file_offset(*location);
    if (begin < m_statement.span.begin || begin >= m_statement.span.end) {
        return m_statement.span;
    }
    return ByteSpan{begin, m_statement.span.end};
}

ByteSpan StatementContext::alter_subcommand_span(std::size_t index) const {
    const std::string_view sql = m_statement.sql;
    const std::size_t base = m_statement.span.begin;
    const auto relation_location = m_statement.content()["relation"].location();
    if (!relation_location) {
        return m_statement.span;
    }
    const std::size_t name_start = m_statement.file_offset(*relation_location) - base;
    if (name_start >= sql.size()) {
        return m_statement.span;
    }
    const std::size_t first = skip_trivia(sql, end_of_qualified_name(sql, name_start, sql.size()), sql.size());
    const std::vector<std::size_t> commas = top_level_commas(sql, first, sql.size());
    if (index > commas.size()) {
        return m_statement.span;
    }
    const std::size_t begin = index == 0 ? first : skip_trivia(sql, commas[index - 1] + 1, sql.size());
    const std::size_t end = end_of_significant(sql, begin, index < commas.size() ? commas[index] : sql.size());
    return begin < end ? ByteSpan{base + begin, base + end} : m_statement.span;
}

std::string_view StatementContext::text_of(ByteSpan span) const {
    const std::size_t base = m_statement.span.begin;
    if (span.begin < base || span.end > m_statement.span.end || span.begin > span.end) {
        return {};
    }
    return std::string_view{m_statement.sql}.substr(span.begin - base, span.size());
}

}  // namespace migsafe
