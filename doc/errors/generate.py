#!/usr/bin/env python3
# Generates doc/errors.md: compiles each case (test/fail/*.cpp and doc/errors/cases/*.cpp) with g++ and
# clang++-19 and quotes the chosen diagnostic lines exactly, with paths relative to the repository.
# Rerun after any change to include/: python3 doc/errors/generate.py
import re, subprocess, pathlib, textwrap
def wrap(t): return textwrap.fill(t, width=105, break_on_hyphens=False, break_long_words=False)
root = pathlib.Path(__file__).resolve().parents[2]
scratch = root / 'doc' / 'errors' / 'cases'

def compile(cxx, cwd, file):
    flag = '-fno-diagnostics-show-caret' if cxx == 'g++' else '-fno-caret-diagnostics'
    r = subprocess.run([cxx, '-std=c++20', '-fsyntax-only', flag, '-I' + str(root / 'include'), file],
                       cwd=cwd, capture_output=True, text=True)
    assert r.returncode != 0, (cxx, file)
    return r.stderr.replace(str(root) + '/', '').rstrip('\n').split('\n')

def pick_gcc(lines, user):
    out = []
    for l in lines:
        if (re.search(r'In instantiation of', l) or re.search(r'required from here', l) or
                re.search(r': error: ', l)):
            out.append(l)
    return out

def pick_clang(lines, user):
    out = []
    for l in lines:
        if ': error: ' in l or 'in instantiation of template class' in l or l.startswith(user + ':'):
            out.append(l)
    return out

def pick_first_error(lines, user):
    return [l for l in lines if ': error: ' in l][:1]

cases = []  # (title, intro, cwd, file, pinned, picker, after)

def case(title, intro, cwd, file, pinned, picker=None, after=''):
    cases.append((title, intro, cwd, file, pinned, picker, after))

case('A parameter or input without a value',
     'The expression uses the input `x0`, and no argument binds it. The message names the leaf in the '
     'instantiation line: `no_value_bound_for<...{"x0"}>`. Bind it by name (`x0 = 0.5`), in a `sample(...)`, '
     'or, for a parameter, in the parameter set.',
     root, 'test/fail/missing_binding.cpp', True,
     after='g++ also lists the `required from` lines from the check up to the entry point (`eval` here), '
           'between the instantiation line and `required from here`; they are left out above.')
case('A binding the expression does not use',
     'A direct binding must name a leaf the expression uses: `z = 1.0` here is most likely a typo. '
     'To pass a data row with extra entries, group it with `tg::sample(...)`, which is not checked.',
     root, 'test/fail/unused_binding.cpp', True)
case('A derivative with respect to a compound expression',
     '`tg::d(e, v)` differentiates with respect to a leaf. `w * x` is not one; the instantiation line '
     'shows its type.',
     root, 'test/fail/derivative_not_leaf.cpp', True)
case('An op without its partial derivative',
     'A user-defined op must provide `partial`; `tg::apply` checks the contract where the node is made '
     '(see [ops.md](ops.md)).',
     root, 'test/fail/op_without_partial.cpp', True)
case('A sum of plain numbers',
     '`tg::sum(t1, ..., tn)` builds the expression `t1 + ... + tn`, so at least one term must be an '
     'expression; a sum of numbers is a number, which `+` computes.',
     root, 'test/fail/sum_of_numbers.cpp', True)

case('An argument that is not a binding',
     'Arguments after the expression must be bindings (`x = 0.5`), samples or parameter sets. A bare '
     'number is none of these. The leaf it was meant for is then unbound, which g++ reports as a second '
     'error.',
     scratch, 'not_a_binding.cpp', False)
case('A `bool` bound to an input',
     'An input binds a number other than `bool` (`x = 0.5`) or, in a data set, a column of numbers '
     '(`x = xs`). A `bool` is refused where the binding is made, and the call reports nothing more. A '
     'parameter refuses one the same way (`w1 = true`: "a parameter binds a number (w1 = 0.5), not a '
     'bool"; test `fail.parameter_bool`).',
     scratch, 'bool_binding.cpp', False)
case('A parameter the set does not hold',
     '`theta` was made for `w * x`, so it has no slot for `b`.',
     scratch, 'parameter_not_in_set.cpp', False)
case('A parameter set that lacks one of the expression\'s parameters',
     'A parameter set must hold every parameter the expression uses, unless another argument binds it. '
     'The message is the one for an unbound leaf, and names `b`.',
     scratch, 'param_missing_from_set.cpp', False)
case('A gradient entry that was not asked for',
     'The gradient of the wrt form holds only the leaves listed in `tg::wrt(...)`.',
     scratch, 'leaf_not_in_wrt.cpp', False)
case('A hand-written parameter set with unsorted names',
     'Parameter sets keep their names sorted and unique, so that two sets for the same parameters are one '
     'type. Make them with `tg::parameters_of(e)`.',
     scratch, 'unsorted_set.cpp', False)
case('An op without a name',
     'Every op needs a name; it is how the op prints.',
     scratch, 'op_without_name.cpp', False)
case('An op without its symbolic rule',
     '`tg::apply` does not check `derivative`; `tg::d` does. With g++, a second error, '
     '`\'derivative\' is not a member of ...`, comes first, and the typegrad message follows it.',
     scratch, 'op_without_derivative.cpp', False)
case('A binary op without its partials',
     'A binary op returns both local derivatives from `partials`.',
     scratch, 'binary_without_partials.cpp', False)
case('A binary op without its symbolic rule',
     'As for unary ops, `tg::d` checks `derivative`, and g++ reports the missing member first.',
     scratch, 'binary_without_derivative.cpp', False)

plain = [
    ('`tg::d(e, 2.0)`: a number instead of a leaf', 'd_number.cpp',
     'The number is not an expression, so no overload of `tg::d` matches. (A constant such as `tg::c<2>` '
     'is an expression and gets the message of the derivative section above.)'),
    ('`theta[x]` with `x` an input', 'theta_input.cpp',
     'Parameter sets are indexed by parameters only.'),
    ('`tg::c<1> / tg::c<0>`: a constant division by zero', 'divide_by_zero_constant.cpp',
     'Constants fold when the expression is built, and dividing by a constant zero is not a constant '
     'expression.'),
]

out = []
out.append('''# Compile-time errors

typegrad checks how it is used while the program compiles. A mistake stops compilation with a
`static_assert` whose message starts with `typegrad:`. Where a parameter or input is at fault, its name
appears in the instantiation line, as a template argument such as `fixed_string<3>{"x0"}`.

Each case below shows the offending code and the diagnostic lines that matter, copied exactly from
g++ 12 and clang 19 by `python3 doc/errors/generate.py`, which runs, from the repository's root,

```sh
g++ -std=c++20 -fsyntax-only -fno-diagnostics-show-caret -Iinclude FILE
clang++-19 -std=c++20 -fsyntax-only -fno-caret-diagnostics -Iinclude FILE
```

and shows paths relative to the repository; with your checkout they start with your include directory.
The cases that are not compile-fail tests are in `doc/errors/cases/`. The lines left out are the `In file included from` lines and
the chain of `required from` (g++) or `in instantiation of` (clang) lines between the library's entry
point and the check.

The first five cases are compile-fail tests in `test/fail/`: CTest compiles each file and passes only
if the diagnostic matches the expected message and name. The other checks are not pinned by a test
yet; their sources below are files of their own.

**Contents.**
''')
for n, c in enumerate(cases):
    anchor = re.sub(r'[^a-z0-9 _-]', '', c[0].lower()).replace(' ', '-')
    out.append(f'{n + 1}. [{c[0]}](#{anchor})')
out.append(f'{len(cases) + 1}. [Mistakes without a typegrad message](#mistakes-without-a-typegrad-message)')
out.append(f'{len(cases) + 2}. [Errors in a large expression](#errors-in-a-large-expression)')
out.append('')

for n, (title, intro, cwd, file, pinned, picker, after) in enumerate(cases):
    src = (cwd / file).read_text().rstrip('\n')
    out.append(f'## {title}\n')
    out.append(wrap(intro) + '\n')
    label = f'`{file}`' + (' (a compile-fail test)' if pinned else '')
    out.append(f'{label}:\n')
    out.append('```cpp\n' + src + '\n```\n')
    g = pick_gcc(compile('g++', cwd, file), file)
    c = pick_clang(compile('clang++-19', cwd, file), file)
    out.append('g++ 12:\n')
    out.append('```text\n' + '\n'.join(g) + '\n```\n')
    out.append('clang 19:\n')
    out.append('```text\n' + '\n'.join(c) + '\n```\n')
    if after: out.append(wrap(after) + '\n')

out.append('## Mistakes without a typegrad message\n')
out.append(wrap('Some mistakes are caught by the ordinary rules of C++ before any typegrad check can run. '
           'The first error line says what went wrong.') + '\n')
for title, file, text in plain:
    src = (scratch / file).read_text().rstrip('\n')
    out.append(f'### {title}\n')
    out.append(wrap(text) + '\n')
    out.append('```cpp\n' + src + '\n```\n')
    g = pick_first_error(compile('g++', scratch, file), file)
    c = pick_first_error(compile('clang++-19', scratch, file), file)
    out.append('```text\n' + '\n'.join(['g++ 12:'] + g + ['', 'clang 19:'] + c) + '\n```\n')

out.append('## Errors in a large expression\n')
out.append(wrap(
    'However large the expression, a call reports at most one leaf that lacks a value or is bound twice: '
    'the first, not every one, so a parameter set made for another expression, which leaves every '
    'parameter unbound, gives one message, not one per parameter (the next one shows once the first is '
    'fixed; clang also stops at a call\'s first failing check). The first error line is the `typegrad:` '
    'message on both compilers. What grows with the expression is the one `required from` line of the '
    'entry point (`value_and_gradient` and the rest), which prints the expression\'s type in full: the '
    'checks reach it directly, through no frame of their own that would print it again. Four '
    'compile-fail tests (`fail.large_*` in `test/CMakeLists.txt`) check this on the 2,042-node network of '
    '`benchmark/compile/` (a missing binding, a parameter set of another expression, a data set without '
    'one of the inputs, a `bool` binding): '
    'the first error line must be the message, the offending name must appear, and there must be no second '
    'error. There a missing binding\'s diagnostic is 101 KB with g++ 12 and 141 KB with clang 19 (it was '
    '544 KB and 577 KB, and a parameter set of another expression gave 700 errors and 308 MB on g++); a '
    'data loss\'s is 185 KB and 140 KB (553 KB and 296 KB when its check sat in a private helper, whose '
    'line printed the type once more). With '
    'clang, `-ftemplate-backtrace-limit=1` shortens it to 1.3 KB; g++ prints the entry point\'s line '
    'whatever the limit.') + '\n')

(root / 'doc/errors.md').write_text('\n'.join(out).rstrip('\n') + '\n')
print('written', len(cases), 'cases')
