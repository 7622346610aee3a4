// A bool bound to a parameter stops at the binding, with a sentence.
#include <typegrad/gradient.hpp>

namespace tg = typegrad;

int main() {
    constexpr auto w = tg::param<"w">;
    const auto b = (w = true);
    return static_cast<int>(tg::eval(w * 2.0, b));
}
