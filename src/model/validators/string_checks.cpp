#include "model/validators/string_checks.hpp"

#include <cctype>
#include <charconv>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "sequelize/date.hpp"

namespace sequelize::detail::checks {
namespace {

// ---- characters

std::vector<char32_t> decodeUtf8(std::string_view s) {
  std::vector<char32_t> out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    int extra = 0;
    char32_t cp = 0;
    if (c < 0x80) {
      cp = c;
    } else if ((c & 0xE0) == 0xC0) {
      cp = c & 0x1F;
      extra = 1;
    } else if ((c & 0xF0) == 0xE0) {
      cp = c & 0x0F;
      extra = 2;
    } else if ((c & 0xF8) == 0xF0) {
      cp = c & 0x07;
      extra = 3;
    } else {
      out.push_back(0xFFFD);
      ++i;
      continue;
    }
    if (i + static_cast<std::size_t>(extra) >= s.size()) {  // cut short
      out.push_back(0xFFFD);
      break;
    }
    bool valid = true;
    for (int k = 1; k <= extra; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
      if ((cc & 0xC0) != 0x80) {
        valid = false;
        break;
      }
      cp = (cp << 6) | (cc & 0x3F);
    }
    if (!valid) {
      out.push_back(0xFFFD);
      ++i;
      continue;
    }
    out.push_back(cp);
    i += static_cast<std::size_t>(extra) + 1;
  }
  return out;
}

std::size_t utf16Length(const std::vector<char32_t>& cps) {
  std::size_t n = 0;
  for (const char32_t cp : cps) n += cp >= 0x10000 ? 2 : 1;
  return n;
}

// JavaScript's \s
bool isJsSpace(char32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r' || c == 0xA0 ||
         c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F ||
         c == 0x205F || c == 0x3000 || c == 0xFEFF;
}

bool isAsciiAlpha(char32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool isDigit(char32_t c) {
  return c >= '0' && c <= '9';
}
bool isHex(char32_t c) {
  return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// The non-ASCII ranges validator accepts in e-mail local parts and top-level domains (UTF-16
// units, so characters beyond the BMP, which are surrogate pairs there, fall outside).
bool isUnicodeWordChar(char32_t c) {
  return (c >= 0xA1 && c <= 0xD7FF) || (c >= 0xF900 && c <= 0xFDCF) || (c >= 0xFDF0 && c <= 0xFFEF);
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (;;) {
    const std::size_t p = s.find(sep, start);
    if (p == std::string_view::npos) {
      parts.push_back(s.substr(start));
      return parts;
    }
    parts.push_back(s.substr(start, p - start));
    start = p + 1;
  }
}

bool allOf(std::string_view s, bool (*pred)(char32_t)) {
  for (const char c : s) {
    if (!pred(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// ---- e-mail local parts

bool isEmailAtomChar(char32_t c) {
  static constexpr std::string_view kSpecials = "!#$%&'*+-/=?^_`{|}~";
  return isAsciiAlpha(c) || isDigit(c) ||
         (c < 0x80 && kSpecials.find(static_cast<char>(c)) != std::string_view::npos) ||
         isUnicodeWordChar(c);
}

bool isQuotedTextChar(char32_t c) {
  return isJsSpace(c) || (c >= 0x01 && c <= 0x08) || c == 0x0B || c == 0x0C ||
         (c >= 0x0E && c <= 0x1F) || c == 0x7F || c == 0x21 || (c >= 0x23 && c <= 0x5B) ||
         (c >= 0x5D && c <= 0x7E) || (c >= 0xA0 && c <= 0xD7FF) || (c >= 0xF900 && c <= 0xFDCF) ||
         (c >= 0xFDF0 && c <= 0xFFEF);
}

bool isQuotedPairChar(char32_t c) {
  return (c >= 0x01 && c <= 0x09) || c == 0x0B || c == 0x0C || (c >= 0x0D && c <= 0x7F) ||
         (c >= 0xA0 && c <= 0xD7FF) || (c >= 0xF900 && c <= 0xFDCF) || (c >= 0xFDF0 && c <= 0xFFEF);
}

bool isQuotedLocalPart(const std::vector<char32_t>& cps) {
  for (std::size_t i = 0; i < cps.size(); ++i) {
    if (cps[i] == '\\' && i + 1 < cps.size() && isQuotedPairChar(cps[i + 1])) {
      ++i;
      continue;
    }
    if (!isQuotedTextChar(cps[i])) return false;
  }
  return true;
}

// ---- IP addresses

bool isIPv4(std::string_view s) {
  const std::vector<std::string_view> parts = split(s, '.');
  if (parts.size() != 4) return false;
  for (const std::string_view p : parts) {
    if (p.empty() || p.size() > 3 || !allOf(p, isDigit)) return false;
    if (p.size() > 1 && p.front() == '0') return false;
    if (std::stoi(std::string(p)) > 255) return false;
  }
  return true;
}

bool isIPv6(std::string_view s) {
  // An optional zone: fe80::1%eth0
  if (const std::size_t zone = s.find('%'); zone != std::string_view::npos) {
    const std::string_view id = s.substr(zone + 1);
    if (id.empty()) return false;
    for (const char c : id) {
      if (!isAsciiAlpha(static_cast<unsigned char>(c)) && !isDigit(static_cast<unsigned char>(c)) &&
          c != '.')
        return false;
    }
    s = s.substr(0, zone);
  }
  const std::size_t gap = s.find("::");
  if (gap != std::string_view::npos && s.find("::", gap + 1) != std::string_view::npos)
    return false;
  auto countGroups = [](std::string_view part, bool ipv4Allowed, int& groups) {
    if (part.empty()) return true;
    const std::vector<std::string_view> items = split(part, ':');
    for (std::size_t i = 0; i < items.size(); ++i) {
      const std::string_view g = items[i];
      if (ipv4Allowed && i + 1 == items.size() && g.find('.') != std::string_view::npos) {
        if (!isIPv4(g)) return false;
        groups += 2;
        continue;
      }
      if (g.empty() || g.size() > 4 || !allOf(g, isHex)) return false;
      ++groups;
    }
    return true;
  };
  int groups = 0;
  if (gap == std::string_view::npos) {
    return countGroups(s, true, groups) && groups == 8;
  }
  const std::string_view head = s.substr(0, gap);
  const std::string_view tail = s.substr(gap + 2);
  if (!countGroups(head, false, groups) || !countGroups(tail, true, groups)) return false;
  return groups <= 7;
}

}  // namespace

bool notEmpty(std::string_view s) {
  for (const char32_t c : decodeUtf8(s)) {
    if (!isJsSpace(c)) return true;
  }
  return false;
}

std::size_t characterLength(std::string_view s) {
  const std::vector<char32_t> cps = decodeUtf8(s);
  auto isSelector = [](char32_t c) { return c == 0xFE0E || c == 0xFE0F; };
  std::size_t sequences = 0;
  for (std::size_t i = 0; i + 1 < cps.size();) {
    if (!isSelector(cps[i]) && isSelector(cps[i + 1])) {
      ++sequences;
      i += 2;
    } else {
      ++i;
    }
  }
  return cps.size() - sequences;
}

bool isLength(std::string_view s, std::size_t min, std::optional<std::size_t> max) {
  const std::size_t n = characterLength(s);
  return n >= min && (!max || n <= *max);
}

bool isFQDN(std::string_view s) {
  const std::vector<std::string_view> parts = split(s, '.');
  if (parts.size() < 2) return false;
  const std::vector<char32_t> tld = decodeUtf8(parts.back());
  // A top-level domain of letters (two or more), or an IDN "xn--…" one; never all digits.
  bool letters = tld.size() >= 2;
  for (const char32_t c : tld)
    letters = letters && (isAsciiAlpha(c) || (isUnicodeWordChar(c) && c != 0xA9));
  bool punycode =
      tld.size() >= 4 && (tld[0] == 'x' || tld[0] == 'X') && (tld[1] == 'n' || tld[1] == 'N');
  for (std::size_t i = 2; punycode && i < tld.size(); ++i) {
    punycode = isAsciiAlpha(tld[i]) || isDigit(tld[i]) || tld[i] == '-';
  }
  if (!letters && !punycode) return false;
  for (const std::string_view part : parts) {
    const std::vector<char32_t> cps = decodeUtf8(part);
    if (cps.empty() || utf16Length(cps) > 63) return false;
    for (const char32_t c : cps) {
      const bool allowed = isAsciiAlpha(c) || isDigit(c) || c == '-' || c >= 0xA1;
      if (!allowed || (c >= 0xFF01 && c <= 0xFF5E) || c == '_') return false;
    }
    if (cps.front() == '-' || cps.back() == '-') return false;
  }
  return true;
}

bool isEmail(std::string_view s) {
  if (utf16Length(decodeUtf8(s)) > 254) return false;
  const std::size_t at = s.rfind('@');
  const std::string_view domain = at == std::string_view::npos ? s : s.substr(at + 1);
  const std::string_view user = at == std::string_view::npos ? std::string_view{} : s.substr(0, at);
  if (user.size() > 64 || domain.size() > 254) return false;  // bytes of UTF-8
  if (!isFQDN(domain)) return false;
  if (user.size() >= 2 && user.front() == '"' && user.back() == '"') {
    return isQuotedLocalPart(decodeUtf8(user.substr(1, user.size() - 2)));
  }
  for (const std::string_view part : split(user, '.')) {
    const std::vector<char32_t> cps = decodeUtf8(part);
    if (cps.empty()) return false;
    for (const char32_t c : cps) {
      if (!isEmailAtomChar(c)) return false;
    }
  }
  return true;
}

bool isIP(std::string_view s, int version) {
  if (version == 4) return isIPv4(s);
  if (version == 6) return isIPv6(s);
  return isIPv4(s) || isIPv6(s);
}

bool isURL(std::string_view input) {
  if (input.empty()) return false;
  for (const char32_t c : decodeUtf8(input)) {
    if (isJsSpace(c) || c == '<' || c == '>') return false;
  }
  if (input.starts_with("mailto:")) return false;
  if (utf16Length(decodeUtf8(input)) > 2084) return false;
  std::string_view url = input.substr(0, input.find('#'));
  url = url.substr(0, url.find('?'));

  // A scheme is taken as one unless what follows looks like credentials or a port.
  bool explicitProtocol = false;
  std::size_t schemeEnd = 0;
  if (!url.empty() && isAsciiAlpha(static_cast<unsigned char>(url[0]))) {
    std::size_t i = 1;
    while (i < url.size() && (isAsciiAlpha(static_cast<unsigned char>(url[i])) ||
                              isDigit(static_cast<unsigned char>(url[i])) || url[i] == '+' ||
                              url[i] == '-' || url[i] == '.')) {
      ++i;
    }
    if (i < url.size() && url[i] == ':') schemeEnd = i + 1;
  }
  if (schemeEnd > 0) {
    const std::string_view afterColon = url.substr(schemeEnd);
    bool takeScheme = true;
    if (!afterColon.starts_with("//")) {
      const std::string_view beforeSlash = afterColon.substr(0, afterColon.find('/'));
      const std::size_t atPos = beforeSlash.find('@');
      if (atPos != std::string_view::npos) {
        const std::string_view beforeAt = beforeSlash.substr(0, atPos);
        bool validAuth = true;
        for (const char c : beforeAt) {
          const auto u = static_cast<unsigned char>(c);
          validAuth = validAuth && (isAsciiAlpha(u) || isDigit(u) || c == '-' || c == '_' ||
                                    c == '.' || c == '%' || c == ':');
        }
        bool encoded = false;
        for (std::size_t k = 0; k + 2 < beforeAt.size() && !encoded; ++k) {
          encoded = beforeAt[k] == '%' && isHex(static_cast<unsigned char>(beforeAt[k + 1])) &&
                    isHex(static_cast<unsigned char>(beforeAt[k + 2]));
        }
        takeScheme = !(validAuth && !encoded);
      } else if (!afterColon.empty() && isDigit(static_cast<unsigned char>(afterColon[0]))) {
        takeScheme = false;
      }
    }
    if (takeScheme) {
      std::string protocol(url.substr(0, schemeEnd - 1));
      for (char& c : protocol) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (protocol != "http" && protocol != "https" && protocol != "ftp") return false;
      explicitProtocol = true;
      url = url.substr(schemeEnd);
    }
  }
  if (url.starts_with("//")) {
    if (!explicitProtocol) return false;
    url = url.substr(2);
  }
  if (url.empty()) return false;
  url = url.substr(0, url.find('/'));
  std::vector<std::string_view> atParts = split(url, '@');
  std::string_view hostname = url;
  if (atParts.size() > 1) {
    if (atParts[0].empty()) return false;
    const std::string_view auth = atParts[0];
    const std::vector<std::string_view> credentials = split(auth, ':');
    if (credentials.size() > 2) return false;
    if (credentials.size() == 2 && credentials[0].empty() && credentials[1].empty()) return false;
    hostname = url.substr(auth.size() + 1);
  }
  std::string_view host;
  std::string_view ipv6;
  std::optional<std::string_view> port;
  if (hostname.starts_with('[')) {
    const std::size_t close = hostname.find(']');
    const bool wrapped = close != std::string_view::npos && close > 1 &&
                         hostname.substr(1, close - 1).find(']') == std::string_view::npos &&
                         (close + 1 == hostname.size() ||
                          (hostname[close + 1] == ':' && close + 2 < hostname.size() &&
                           allOf(hostname.substr(close + 2), isDigit)));
    if (wrapped) {
      ipv6 = hostname.substr(1, close - 1);
      if (close + 1 < hostname.size()) port = hostname.substr(close + 2);
    }
  }
  if (ipv6.empty()) {
    const std::size_t colon = hostname.find(':');
    host = hostname.substr(0, colon);
    if (colon != std::string_view::npos) port = hostname.substr(colon + 1);
  }
  if (port && !port->empty()) {
    if (!allOf(*port, isDigit) || port->size() > 5) return false;
    const int number = std::stoi(std::string(*port));
    if (number <= 0 || number > 65535) return false;
  }
  if (!isIP(host) && !isFQDN(host) && (ipv6.empty() || !isIPv6(ipv6))) return false;
  return true;
}

bool isInt(std::string_view s) {
  if (!s.empty() && (s.front() == '+' || s.front() == '-')) s.remove_prefix(1);
  return !s.empty() && allOf(s, isDigit);
}

bool isFloat(std::string_view s) {
  if (s.empty() || s == "." || s == "," || s == "-" || s == "+") return false;
  std::size_t i = 0;
  if (s[i] == '+' || s[i] == '-') ++i;
  while (i < s.size() && isDigit(static_cast<unsigned char>(s[i]))) ++i;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && isDigit(static_cast<unsigned char>(s[i]))) ++i;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    const std::size_t digits = i;
    while (i < s.size() && isDigit(static_cast<unsigned char>(s[i]))) ++i;
    if (i == digits) return false;
  }
  return i == s.size();
}

bool isUUID(std::string_view s, int version) {
  if (s.size() != 36) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? s[i] != '-' : !isHex(static_cast<unsigned char>(s[i]))) return false;
  }
  auto lower = [](char c) {
    return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  };
  const char v = s[14];
  const char variant = lower(s[19]);
  const bool rfcVariant = variant == '8' || variant == '9' || variant == 'a' || variant == 'b';
  if (version == 0) {
    if (v >= '1' && v <= '8' && rfcVariant) return true;
    const std::string_view all0 = "00000000-0000-0000-0000-000000000000";
    bool nil = true;
    bool max = true;
    for (std::size_t i = 0; i < s.size(); ++i) {
      nil = nil && s[i] == all0[i];
      max = max && (all0[i] == '-' ? s[i] == '-' : lower(s[i]) == 'f');
    }
    return nil || max;
  }
  return v == static_cast<char>('0' + version) && rfcVariant;
}

bool isDate(std::string_view s) {
  if (Date::parse(s)) return true;
  // Also JavaScript's "2024/03/15".
  if (s.size() == 10 && s[4] == '/' && s[7] == '/') {
    std::string dashed(s);
    dashed[4] = '-';
    dashed[7] = '-';
    return Date::parse(dashed).has_value();
  }
  return false;
}

std::optional<double> parseFloat(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size() && (s[i] == ' ' || (s[i] >= '\t' && s[i] <= '\r'))) ++i;
  s.remove_prefix(i);
  bool negative = false;
  if (!s.empty() && (s.front() == '+' || s.front() == '-')) {
    negative = s.front() == '-';
    s.remove_prefix(1);
  }
  if (s.starts_with("Infinity")) {
    return negative ? -std::numeric_limits<double>::infinity()
                    : std::numeric_limits<double>::infinity();
  }
  std::size_t end = 0;
  std::size_t digits = 0;
  while (end < s.size() && isDigit(static_cast<unsigned char>(s[end]))) ++end, ++digits;
  if (end < s.size() && s[end] == '.') {
    ++end;
    while (end < s.size() && isDigit(static_cast<unsigned char>(s[end]))) ++end, ++digits;
  }
  if (digits == 0) return std::nullopt;
  if (end < s.size() && (s[end] == 'e' || s[end] == 'E')) {
    std::size_t e = end + 1;
    if (e < s.size() && (s[e] == '+' || s[e] == '-')) ++e;
    const std::size_t start = e;
    while (e < s.size() && isDigit(static_cast<unsigned char>(s[e]))) ++e;
    if (e > start) end = e;
  }
  double value = 0;
  std::from_chars(s.data(), s.data() + end, value);
  return negative ? -value : value;
}

}  // namespace sequelize::detail::checks
