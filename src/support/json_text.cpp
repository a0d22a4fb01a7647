#include "support/json_text.hpp"

#include <algorithm>
#include <charconv>
#include <nlohmann/json.hpp>
#include <vector>

#include "sequelize/errors.hpp"
#include "support/json_writer.hpp"

namespace sequelize::detail {
namespace {

using OrderedJson = nlohmann::ordered_json;

// JavaScript objects list "array index" keys (canonical integers below 2^32 - 1) first, in
// ascending order, then the other keys in insertion order.
bool isArrayIndex(const std::string& key, std::uint32_t& index) {
  if (key.empty() || key.size() > 10) return false;
  if (key.size() > 1 && key[0] == '0') return false;
  std::uint64_t v = 0;
  const auto [ptr, ec] = std::from_chars(key.data(), key.data() + key.size(), v);
  if (ec != std::errc{} || ptr != key.data() + key.size() || v >= 0xFFFFFFFFULL) return false;
  index = static_cast<std::uint32_t>(v);
  return true;
}

void write(std::string& out, const OrderedJson& j) {
  switch (j.type()) {
    case OrderedJson::value_t::null:
    case OrderedJson::value_t::discarded:
      out.append("null");
      return;
    case OrderedJson::value_t::boolean:
      out.append(j.get<bool>() ? "true" : "false");
      return;
    case OrderedJson::value_t::number_integer:
      appendJsNumber(out, 0, true, j.get<std::int64_t>());
      return;
    case OrderedJson::value_t::number_unsigned:
      out.append(std::to_string(j.get<std::uint64_t>()));
      return;
    case OrderedJson::value_t::number_float: {
      const double d = j.get<double>();
      if (!std::isfinite(d)) {
        out.append("null");
      } else {
        appendJsNumber(out, d);
      }
      return;
    }
    case OrderedJson::value_t::string:
      appendJsonString(out, j.get_ref<const std::string&>());
      return;
    case OrderedJson::value_t::binary:
      out.append("null");
      return;
    case OrderedJson::value_t::array: {
      out.push_back('[');
      bool first = true;
      for (const auto& item : j) {
        if (!first) out.push_back(',');
        first = false;
        write(out, item);
      }
      out.push_back(']');
      return;
    }
    case OrderedJson::value_t::object: {
      std::vector<std::pair<std::uint32_t, const OrderedJson::object_t::value_type*>> indexed;
      std::vector<const OrderedJson::object_t::value_type*> named;
      for (const auto& member : j.get_ref<const OrderedJson::object_t&>()) {
        std::uint32_t index = 0;
        if (isArrayIndex(member.first, index)) {
          indexed.emplace_back(index, &member);
        } else {
          named.push_back(&member);
        }
      }
      std::sort(indexed.begin(), indexed.end(),
                [](const auto& a, const auto& b) { return a.first < b.first; });
      out.push_back('{');
      bool first = true;
      auto emit = [&](const OrderedJson::object_t::value_type* m) {
        if (!first) out.push_back(',');
        first = false;
        appendJsonString(out, m->first);
        out.push_back(':');
        write(out, m->second);
      };
      for (const auto& [index, m] : indexed) emit(m);
      for (const auto* m : named) emit(m);
      out.push_back('}');
      return;
    }
  }
}

}  // namespace

std::string normalizeJson(std::string_view text) {
  OrderedJson parsed = OrderedJson::parse(text.begin(), text.end(), nullptr, false);
  if (parsed.is_discarded()) {
    throw Error("Invalid JSON text: " + std::string(text.substr(0, 80)));
  }
  std::string out;
  write(out, parsed);
  return out;
}

}  // namespace sequelize::detail
