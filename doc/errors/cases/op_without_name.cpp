// Must not compile: the op has no name.
#include <typegrad.hpp>

struct cube_op {
    template <class T>
    static constexpr typegrad::local<T> forward(T a) { return {a * a * a, T(0)}; }
    template <class T>
    static constexpr T partial(T a, typegrad::local<T>) { return T(3) * a * a; }
};

int main() {
    constexpr auto x = typegrad::input<"x">;
    const auto e = typegrad::apply<cube_op>(x);
    (void)e;
}
