#pragma once
// Random bytes from the operating system's CSPRNG (getrandom), as Node's crypto gives Sequelize
// for UUIDV4: bytes a client cannot predict from the ids it has seen.
#include <cstdint>
#include <span>

namespace sequelize::detail {

// Fills `out`. Thread-safe; a child process made by fork() never repeats its parent's bytes.
// Throws sequelize::Error if the kernel refuses (no getrandom: Linux before 3.17).
void secureRandomBytes(std::span<std::uint8_t> out);

}  // namespace sequelize::detail
