// Must not compile: d() needs the op's symbolic rule.
#include <typegrad.hpp>

struct cube_op {
    static constexpr std::string_view name = "cube";
    template <class T>
    static constexpr typegrad::local<T> forward(T a) { return {a * a * a, T(0)}; }
    template <class T>
    static constexpr T partial(T a, typegrad::local<T>) { return T(3) * a * a; }
};

int main() {
    constexpr auto x = typegrad::input<"x">;
    const auto e = typegrad::d(typegrad::apply<cube_op>(x), x);
    (void)e;
}
