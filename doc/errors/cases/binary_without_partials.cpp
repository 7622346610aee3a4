// Must not compile: a binary op without partials.
#include <typegrad.hpp>

struct hypot_op {
    static constexpr std::string_view name = "hypot";
    template <class T>
    static typegrad::local<T> forward(T a, T b) { return {a * a + b * b, T(0)}; }
};

int main() {
    constexpr auto x = typegrad::input<"x">;
    constexpr auto y = typegrad::input<"y">;
    const auto e = typegrad::apply<hypot_op>(x, y);
    (void)e;
}
