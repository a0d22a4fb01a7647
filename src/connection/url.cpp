#include "connection/url.hpp"

#include <cctype>
#include <charconv>
#include <filesystem>

#include "sequelize/errors.hpp"

namespace sequelize::detail {
namespace {

int hexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string percentDecode(std::string_view s, std::string_view what) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '%') {
      out.push_back(s[i]);
      continue;
    }
    if (i + 2 >= s.size()) {
      throw Error("Invalid database URL: bad percent-encoding in the " + std::string(what));
    }
    const int hi = hexDigit(s[i + 1]);
    const int lo = hexDigit(s[i + 2]);
    if (hi < 0 || lo < 0) {
      throw Error("Invalid database URL: bad percent-encoding in the " + std::string(what));
    }
    const char decoded = static_cast<char>(hi * 16 + lo);
    if (decoded == '\0') {
      throw Error("Invalid database URL: NUL byte in the " + std::string(what));
    }
    out.push_back(decoded);
    i += 2;
  }
  return out;
}

std::string normalizeScheme(std::string_view scheme) {
  std::string s(scheme);
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (s == "postgresql") return "postgres";
  if (s == "mysql") return "mariadb";
  return s;
}

void parseQuery(std::string_view query, ConnectionConfig& config) {
  while (!query.empty()) {
    const std::size_t amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
    if (pair.empty()) continue;
    const std::size_t eq = pair.find('=');
    const std::string key = percentDecode(pair.substr(0, eq), "query parameters");
    const std::string value = eq == std::string_view::npos
                                  ? std::string{}
                                  : percentDecode(pair.substr(eq + 1), "query parameters");
    if (key.empty()) throw Error("Invalid database URL: empty query parameter name");
    config.params.emplace_back(key, value);
  }
}

ConnectionConfig parseSqlite(std::string_view rest) {
  ConnectionConfig config;
  config.dialect = "sqlite";
  const std::size_t q = rest.find('?');
  if (q != std::string_view::npos) {
    parseQuery(rest.substr(q + 1), config);
    rest = rest.substr(0, q);
  }
  std::string path;
  if (rest.starts_with("//")) {
    // sqlite://host/path joins host and path, as Sequelize's path.join(host, pathname) does
    path = percentDecode(rest.substr(2), "file path");
  } else {
    path = percentDecode(rest, "file path");
  }
  if (path.empty() || path == ":memory:" || path == "/:memory:" || path == ":memory") {
    config.database = ":memory:";
    return config;
  }
  config.database =
      std::filesystem::absolute(std::filesystem::path(path)).lexically_normal().string();
  return config;
}

int parsePort(std::string_view text) {
  int port = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), port);
  if (ec != std::errc{} || ptr != text.data() + text.size() || port <= 0 || port > 65535) {
    throw Error("Invalid database URL: port \"" + std::string(text) +
                "\" is not a number from 1 to 65535");
  }
  return port;
}

// libpq's keyword/value form, after "postgres:": `host=db port=5432 dbname=app user=me
// password='a b' sslmode=disable`. Pairs are separated by spaces; a value may be single-quoted,
// with \' and \\ inside. host, port, user, password and dbname fill the usual fields, every other
// keyword becomes a parameter (checked by the dialect).
ConnectionConfig parseKeywordValueForm(std::string scheme, std::string_view text) {
  ConnectionConfig config;
  config.dialect = std::move(scheme);
  auto skipSpaces = [&] {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
      text.remove_prefix(1);
    }
  };
  for (skipSpaces(); !text.empty(); skipSpaces()) {
    std::size_t keyEnd = 0;
    while (keyEnd < text.size() && text[keyEnd] != '=' &&
           !std::isspace(static_cast<unsigned char>(text[keyEnd]))) {
      ++keyEnd;
    }
    const std::string key(text.substr(0, keyEnd));
    text.remove_prefix(keyEnd);
    skipSpaces();
    if (key.empty() || !text.starts_with('=')) {
      throw Error(
          "Invalid database URL: expected postgres://user:password@host:port/database or "
          "keyword=value pairs (postgres:host=127.0.0.1 port=5432 dbname=app user=me)");
    }
    text.remove_prefix(1);
    skipSpaces();
    std::string value;
    if (text.starts_with('\'')) {
      text.remove_prefix(1);
      bool closed = false;
      while (!text.empty()) {
        const char c = text.front();
        text.remove_prefix(1);
        if (c == '\'') {
          closed = true;
          break;
        }
        if (c == '\\' && !text.empty()) {
          value.push_back(text.front());
          text.remove_prefix(1);
        } else {
          value.push_back(c);
        }
      }
      if (!closed) throw Error("Invalid database URL: unterminated quoted value for " + key);
    } else {
      while (!text.empty() && !std::isspace(static_cast<unsigned char>(text.front()))) {
        if (text.front() == '\\' && text.size() > 1) text.remove_prefix(1);
        value.push_back(text.front());
        text.remove_prefix(1);
      }
    }
    if (value.find('\0') != std::string::npos) {
      throw Error("Invalid database URL: NUL byte in " + key);
    }
    if (key == "host") {
      config.host = std::move(value);
    } else if (key == "port") {
      config.port = parsePort(value);
    } else if (key == "user") {
      config.user = std::move(value);
    } else if (key == "password") {
      config.password = std::move(value);
    } else if (key == "dbname") {
      config.database = std::move(value);
    } else {
      config.params.emplace_back(key, std::move(value));
    }
  }
  return config;
}

ConnectionConfig parseServerUrl(std::string scheme, std::string_view rest, std::string_view url) {
  if (scheme == "postgres" && !rest.starts_with("//")) {
    return parseKeywordValueForm(std::move(scheme), rest);
  }
  ConnectionConfig config;
  config.dialect = std::move(scheme);
  if (!rest.starts_with("//")) {
    throw Error("Invalid database URL: expected " + config.dialect +
                "://user:password@host:port/database");
  }
  rest.remove_prefix(2);
  const std::size_t q = rest.find('?');
  if (q != std::string_view::npos) {
    parseQuery(rest.substr(q + 1), config);
    rest = rest.substr(0, q);
  }
  const std::size_t slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  if (slash != std::string_view::npos) {
    config.database = percentDecode(rest.substr(slash + 1), "database name");
  }
  const std::size_t at = authority.rfind('@');
  if (at != std::string_view::npos) {
    const std::string_view userinfo = authority.substr(0, at);
    authority = authority.substr(at + 1);
    const std::size_t colon = userinfo.find(':');
    config.user = percentDecode(userinfo.substr(0, colon), "user name");
    if (colon != std::string_view::npos) {
      config.password = percentDecode(userinfo.substr(colon + 1), "password");
    }
  }
  std::string_view hostPart = authority;
  std::string_view portPart;
  if (authority.starts_with('[')) {  // [ipv6]:port
    const std::size_t close = authority.find(']');
    if (close == std::string_view::npos)
      throw Error("Invalid database URL: unterminated [ in host");
    hostPart = authority.substr(1, close - 1);
    const std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after[0] != ':') throw Error("Invalid database URL: unexpected text after host");
      portPart = after.substr(1);
    }
  } else {
    const std::size_t colon = authority.rfind(':');
    if (colon != std::string_view::npos) {
      hostPart = authority.substr(0, colon);
      portPart = authority.substr(colon + 1);
    }
  }
  config.host = percentDecode(hostPart, "host");
  if (!portPart.empty()) config.port = parsePort(portPart);
  if (config.host.empty()) config.host = "localhost";
  (void)url;
  return config;
}

}  // namespace

ConnectionConfig parseUrl(std::string_view url) {
  const std::size_t colon = url.find(':');
  if (colon == std::string_view::npos || colon == 0) {
    throw Error(
        "Invalid database URL: it must start with a dialect, e.g. sqlite::memory: or "
        "postgres://user:password@host:5432/database");
  }
  for (std::size_t i = 0; i < colon; ++i) {
    const char c = url[i];
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '.') {
      throw Error(
          "Invalid database URL: it must start with a dialect, e.g. sqlite::memory: or "
          "postgres://user:password@host:5432/database");
    }
  }
  std::string scheme = normalizeScheme(url.substr(0, colon));
  const std::string_view rest = url.substr(colon + 1);
  if (scheme == "sqlite") return parseSqlite(rest);
  if (scheme == "postgres" || scheme == "mariadb")
    return parseServerUrl(std::move(scheme), rest, url);
  throw Error("The dialect " + scheme +
              " is not supported. Supported dialects: mariadb, mysql, postgres and sqlite.");
}

}  // namespace sequelize::detail
