// Any text given as a database URL is either understood or rejected with sequelize::Error.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "connection/url.hpp"
#include "sequelize/errors.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const sequelize::detail::ConnectionConfig config = sequelize::detail::parseUrl(text);
    // What was understood is self-consistent.
    if (config.dialect != "sqlite" && config.dialect != "postgres" && config.dialect != "mariadb") {
      __builtin_trap();
    }
    if (config.port < 0 || config.port > 65535) __builtin_trap();
    for (const auto& [key, value] : config.params) {
      if (key.empty()) __builtin_trap();
    }
  } catch (const sequelize::Error&) {
    // rejected with a message: fine
  }
  return 0;
}
