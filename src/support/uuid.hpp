#pragma once
#include <string>

namespace sequelize::detail {

// A random (version 4) UUID in its canonical lower-case text form.
std::string uuidV4();
// A time-based (version 1) UUID with a random node id.
std::string uuidV1();

}  // namespace sequelize::detail
