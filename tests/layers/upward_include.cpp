// Compiled against the support layer's include folder by the test layers.upward_include_fails:
// support is the bottom layer, so a header of the operations layer must not be found from it.
// The test passes when the compiler says so; if this file ever compiles, the layer rule no
// longer holds.
#include "operations/persistence.hpp"
