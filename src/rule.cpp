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

std::string_view option_type_name(OptionType type) {
    switch (type) {
        case OptionType::boolean: return "boolean";
        case OptionType::integer: return "integer";
        case OptionType::string: return "string";
        case OptionType::string_list: return "list of strings";
    }
    return "boolean";
}

std::string option_value_text(const OptionValue& value) {
    if (const bool* flag = std::get_if<bool>(&value)) {
        return *flag ? "true" : "false";
    }
    if (const std::int64_t* number = std::get_if<std::int64_t>(&value)) {
        return std::to_string(*number);
    }
    if (const std::string* text = std::get_if<std::string>(&value)) {
        return "\"" + *text + "\"";
    }
    std::string list = "[";
    for (const std::string& item : std::get<std::vector<std::string>>(value)) {
        list += (list.size() > 1 ? ", \"" : "\"") + item + "\"";
    }
    return list + "]";
}

const OptionValue* StatementContext::option(std::string_view name) const {
    if (m_options != nullptr) {
        if (auto found = m_options->find(name); found != m_options->end()) {
            return &found->second;
        }
    }
    if (m_meta != nullptr) {
        for (const RuleOption& declared : m_meta->options) {
            if (declared.name == name) {
                return &declared.default_value;
            }
        }
    }
    return nullptr;
}

bool StatementContext::option_flag(std::string_view name) const {
    const OptionValue* value = option(name);
    const bool* flag = value != nullptr ? std::get_if<bool>(value) : nullptr;
    return flag != nullptr && *flag;
}

std::int64_t StatementContext::option_integer(std::string_view name) const {
    const OptionValue* value = option(name);
    const std::int64_t* number = value != nullptr ? std::get_if<std::int64_t>(value) : nullptr;
    return number != nullptr ? *number : 0;
}

std::string StatementContext::option_string(std::string_view name) const {
    const OptionValue* value = option(name);
    const std::string* text = value != nullptr ? std::get_if<std::string>(value) : nullptr;
    return text != nullptr ? *text : std::string{};
}

std::vector<std::string> StatementContext::option_list(std::string_view name) const {
    const OptionValue* value = option(name);
    const auto* list = value != nullptr ? std::get_if<std::vector<std::string>>(value) : nullptr;
    return list != nullptr ? *list : std::vector<std::string>{};
}

std::string_view StatementContext::text_of(ByteSpan span) const {
    const std::size_t base = m_statement.span.begin;
    if (span.begin < base || span.end > m_statement.span.end || span.begin > span.end) {
        return {};
    }
    return std::string_view{m_statement.sql}.substr(span.begin - base, span.size());
}

}  // namespace migsafe
