// Must not compile: a binary op without its symbolic rule, differentiated.
#include <typegrad.hpp>

struct mul2_op {
    static constexpr std::string_view name = "mul2";
    template <class T>
    static constexpr typegrad::local<T> forward(T a, T b) { return {a * b, T(0)}; }
    template <class T>
    static constexpr typegrad::partial_pair<T> partials(T a, T b, typegrad::local<T>) { return {b, a}; }
};

int main() {
    constexpr auto x = typegrad::input<"x">;
    constexpr auto y = typegrad::input<"y">;
    const auto e = typegrad::d(typegrad::apply<mul2_op>(x, y), x);
    (void)e;
}
