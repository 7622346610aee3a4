// typegrad/io/export.hpp: trained parameters out of the program and back in, bit-exact. save and load
// keep a parameter set in a small text file; to_cpp_header writes it as a C++ header, so that a program
// can compile the trained values in (parameter_set_from). Every number is written in its shortest
// round-trip form (std::to_chars), so it reads back as the same float or double to the last bit. Files
// are replaced atomically, and failures come back as values (file_error), never as exceptions.
#pragma once

#include <array>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>

#if defined(_WIN32)
#include <io.h>
#include <process.h>

#include <filesystem>
#else
#include <fcntl.h>
#include <unistd.h>
#endif

#include "typegrad/core/parameter_set.hpp"

namespace typegrad {

/// What went wrong writing or reading a file, or nothing (`ok()`): the message names the file, and for a
/// bad file the line and the problem.
struct [[nodiscard]] file_error {
    std::string message;
    [[nodiscard]] bool ok() const { return message.empty(); }
};

namespace detail {

template <class T>
inline constexpr bool exportable_value_v = std::is_same_v<T, double> || std::is_same_v<T, float>;

template <class T>
constexpr std::string_view value_type_name() {
    if constexpr (std::is_same_v<T, double>) return "double";
    else return "float";
}

/// An error here means: save, load, to_cpp_header or write_cpp_header was given something that is not a
/// parameter set of float or double.
template <class Set>
struct check_exportable {
    static_assert(is_parameter_set<Set>::value,
                  "typegrad: save, load, to_cpp_header and write_cpp_header take a parameter set as 'theta' "
                  "(make it with parameters_of(e))");
    static constexpr bool value = true;
};
template <class T, fixed_string... Names>
struct check_exportable<parameter_set<T, Names...>> {
    static_assert(exportable_value_v<T>,
                  "typegrad: save, load, to_cpp_header and write_cpp_header handle parameter sets of float or "
                  "double; this set's value_type is another type");
    static constexpr bool value = true;
};

/// Names that fit the text format's `name value` lines: not empty, no spaces or control characters.
template <std::size_t K>
constexpr bool names_fit_text_format(const std::array<std::string_view, K>& names) {
    for (std::string_view name : names) {
        if (name.empty()) return false;
        for (char c : name)
            if (static_cast<unsigned char>(c) <= ' ' || c == '\x7f') return false;
    }
    return true;
}

/// The first line of a parameter file: a magic word, the format's version, the value type, the count.
inline constexpr std::string_view file_magic = "typegrad-parameters";
inline constexpr std::string_view file_version = "1";

/// v in its shortest round-trip form ("0.1", "-0", "5e-324", "1e+21"), appended to out.
template <class T>
void append_shortest(std::string& out, T v) {
    char buffer[64];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, v);
    out.append(buffer, result.ptr);
}

/// v as a C++ floating literal of type T that reads back bit-exact: the shortest form, with ".0" where it
/// would otherwise be an integer ("-0" is the int 0, which loses the sign) and an `f` for float.
template <class T>
void append_literal(std::string& out, T v) {
    const std::size_t start = out.size();
    append_shortest(out, v);
    if (out.find_first_of(".e", start) == std::string::npos) out += ".0";
    if constexpr (std::is_same_v<T, float>) out += 'f';
}

/// A name as the contents of a C++ string literal: `"` and `\` escaped, other bytes outside printable
/// ASCII as three-digit octal escapes (which, unlike \x, cannot run on into the next character).
inline void append_escaped(std::string& out, std::string_view name) {
    for (char c : name) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (u < ' ' || u >= 0x7f) {
            out += '\\';
            out += static_cast<char>('0' + (u >> 6));
            out += static_cast<char>('0' + ((u >> 3) & 7));
            out += static_cast<char>('0' + (u & 7));
        } else {
            out += c;
        }
    }
}

/// A name for a `//` comment: as it is when plain printable ASCII without `\` (a comment ending in `\`
/// would continue onto the next line), otherwise quoted and escaped.
inline void append_comment_name(std::string& out, std::string_view name) {
    bool plain = true;
    for (char c : name) {
        const auto u = static_cast<unsigned char>(c);
        plain = plain && u >= ' ' && u < 0x7f && c != '\\';
    }
    if (plain) {
        out += name;
    } else {
        out += '"';
        append_escaped(out, name);
        out += '"';
    }
}

inline bool is_identifier(std::string_view name) {
    const auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; };
    if (name.empty() || !letter(name[0])) return false;
    for (char c : name)
        if (!letter(c) && !(c >= '0' && c <= '9')) return false;
    return true;
}

inline std::string errno_message(int code) { return std::generic_category().message(code); }

/// The first parameter whose value is not finite, as a message, or an empty string.
template <class Set>
std::string first_non_finite_value(const Set& theta) {
    for (std::size_t i = 0; i < Set::size(); ++i)
        if (!std::isfinite(theta.values[i])) {
            std::string message = "the value of '" + std::string(Set::names[i]) + "' is not finite (";
            append_shortest(message, theta.values[i]);
            return message + ")";
        }
    return {};
}

/// The temporary file a save to `path` writes first: beside it (so the rename stays on one file system),
/// named with the process id so that two processes saving to the same path do not share it.
inline std::string temporary_path_for(const std::string& path) {
#if defined(_WIN32)
    const long id = static_cast<long>(::_getpid());
#else
    const long id = static_cast<long>(::getpid());
#endif
    return path + "." + std::to_string(id) + ".tmp";
}

/// Flushes the file's data to the storage device (fsync), so that the rename below never publishes a
/// file whose contents are still only in the cache.
inline bool sync_file(std::FILE* file) {
#if defined(_WIN32)
    return ::_commit(::_fileno(file)) == 0;
#else
    return ::fsync(::fileno(file)) == 0;
#endif
}

/// Makes the rename itself durable by syncing the directory that holds `path` (POSIX; best effort: the
/// file is already complete under its new name whether or not this succeeds).
inline void sync_directory_of(const std::string& path) {
#if !defined(_WIN32)
    const std::size_t slash = path.find_last_of('/');
    const std::string directory = slash == std::string::npos ? "." : slash == 0 ? "/" : path.substr(0, slash);
    const int fd = ::open(directory.c_str(), O_RDONLY);
    if (fd >= 0) {
        (void)::fsync(fd);
        (void)::close(fd);
    }
#else
    (void)path;
#endif
}

/// Writes `text` to `path` so that `path` holds either its old contents or all of `text`, never a part:
/// the text goes to a temporary file beside it, is flushed and synced, and the temporary is renamed
/// over `path` (an atomic replace on POSIX and on Windows). On failure the temporary is removed.
inline file_error write_file_atomically(const std::string& path, std::string_view text) {
    const std::string temporary = temporary_path_for(path);
    std::FILE* file = std::fopen(temporary.c_str(), "wb");
    if (file == nullptr) return {"cannot create '" + temporary + "' to save '" + path + "': " + errno_message(errno)};
    int code = 0;
    if (std::fwrite(text.data(), 1, text.size(), file) != text.size() || std::fflush(file) != 0 || !sync_file(file))
        code = errno;
    if (std::fclose(file) != 0 && code == 0) code = errno;
    if (code != 0) {
        std::remove(temporary.c_str());
        return {"cannot write '" + temporary + "' to save '" + path + "': " + errno_message(code)};
    }
    // POSIX rename replaces an existing file atomically; on Windows std::rename does not replace, and
    // std::filesystem::rename does (its error_code overload throws nothing). <filesystem> is included
    // there only: it is the costliest standard header to compile.
#if defined(_WIN32)
    std::error_code error;
    std::filesystem::rename(std::filesystem::path(temporary), std::filesystem::path(path), error);
    const bool replaced = !error;
    const auto reason = [&] { return error.message(); };
#else
    const bool replaced = std::rename(temporary.c_str(), path.c_str()) == 0;
    const int code_after = replaced ? 0 : errno;
    const auto reason = [&] { return errno_message(code_after); };
#endif
    if (!replaced) {
        std::remove(temporary.c_str());
        return {"cannot replace '" + path + "' with '" + temporary + "': " + reason()};
    }
    sync_directory_of(path);
    return {};
}

/// Reads the whole file at `path` into `text`.
inline file_error read_file(const std::string& path, std::string& text) {
    std::FILE* file = std::fopen(path.c_str(), "rb");
    if (file == nullptr) return {"cannot open '" + path + "': " + errno_message(errno)};
    char buffer[4096];
    std::size_t n = 0;
    while ((n = std::fread(buffer, 1, sizeof buffer, file)) > 0) text.append(buffer, n);
    const int code = std::ferror(file) ? errno : 0;
    std::fclose(file);
    if (code != 0) return {"cannot read '" + path + "': " + errno_message(code)};
    return {};
}

/// Splits a line into fields separated by spaces or tabs; returns how many there were (up to Max are
/// stored).
template <std::size_t Max>
std::size_t split_fields(std::string_view line, std::array<std::string_view, Max>& fields) {
    std::size_t count = 0, i = 0;
    while (true) {
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
        if (i == line.size()) return count;
        const std::size_t start = i;
        while (i < line.size() && line[i] != ' ' && line[i] != '\t') ++i;
        if (count < Max) fields[count] = line.substr(start, i - start);
        ++count;
    }
}

/// A line quoted for a message, cut short if long.
inline std::string quoted(std::string_view text) {
    constexpr std::size_t longest = 48;
    if (text.size() <= longest) return "'" + std::string(text) + "'";
    return "'" + std::string(text.substr(0, longest)) + "...'";
}

/// An error naming this function means: parameter_set_from<Set>(names, values) was given names that differ
/// from Set's, so the header was written for another network (or another version of it); regenerate it.
inline void the_names_in_the_header_differ_from_the_parameter_set() {}

}  // namespace detail

/// to_cpp_header(theta, name): the parameter set as a C++ header that defines two arrays, in the set's
/// (name) order:
///
///     inline constexpr std::array<std::string_view, P> NAME_names{"b1", ...};
///     inline constexpr std::array<double, P> NAME_values{0.1, ...};  // float: 0.1f
///
/// Each value is its shortest round-trip decimal (std::to_chars), written as a literal of the set's type,
/// so the compiled program holds the trained values to the last bit. The header needs only <array> and
/// <string_view>; with typegrad, parameter_set_from<Set>(NAME_names, NAME_values) turns it back into a
/// set, checking the names at compile time. `name` must be a C++ identifier and every value finite
/// (write_cpp_header checks both). See example/export_train.cpp.
template <class Set>
[[nodiscard]] std::string to_cpp_header(const Set& theta, std::string_view name) {
    static_assert(detail::check_exportable<Set>::value, "typegrad: 'theta' must be a parameter set of float or double");
    using T = typename Set::value_type;
    const std::string size = std::to_string(Set::size());
    const std::string type(detail::value_type_name<T>());
    const std::string names = std::string(name) + "_names", values = std::string(name) + "_values";
    std::string out = "// " + std::string(name) + ": " + size + " trained parameters (" + type +
                      "), written by typegrad::to_cpp_header; regenerate it rather than edit it.\n"
                      "// Each value is the shortest decimal that reads back as the same " + type +
                      ", so the values are bit-exact.\n"
                      "// With typegrad:\n"
                      "//   constexpr auto theta = tg::parameter_set_from<decltype(tg::parameters_of" +
                      (std::is_same_v<T, float> ? "<float>" : "") + "(net))>(" + names + ", " + values + ");\n"
                      "#pragma once\n\n#include <array>\n#include <string_view>\n\n"
                      "inline constexpr std::array<std::string_view, " + size + "> " + names + "{\n";
    for (std::size_t i = 0; i < Set::size(); ++i) {
        out += "    \"";
        detail::append_escaped(out, Set::names[i]);
        out += "\",\n";
    }
    out += "};\n\ninline constexpr std::array<" + type + ", " + size + "> " + values + "{\n";
    for (std::size_t i = 0; i < Set::size(); ++i) {
        out += "    ";
        detail::append_literal(out, theta.values[i]);
        out += ",  // ";
        detail::append_comment_name(out, Set::names[i]);
        out += '\n';
    }
    out += "};\n";
    return out;
}

/// write_cpp_header(theta, name, path): writes to_cpp_header(theta, name) to `path`, replacing the file
/// atomically (see save). Returns an error, and writes nothing, if `name` is not a C++ identifier or a
/// value is not finite (a literal cannot hold it).
template <class Set>
[[nodiscard]] file_error write_cpp_header(const Set& theta, std::string_view name, const std::string& path) {
    static_assert(detail::check_exportable<Set>::value, "typegrad: 'theta' must be a parameter set of float or double");
    if (!detail::is_identifier(name))
        return {"cannot write '" + path + "': the header's name " + detail::quoted(name) +
                " is not a C++ identifier (letters, digits and _, not starting with a digit)"};
    if (std::string what = detail::first_non_finite_value(theta); !what.empty())
        return {"cannot write '" + path + "': " + what};
    return detail::write_file_atomically(path, to_cpp_header(theta, name));
}

/// parameter_set_from<Set>(NAME_names, NAME_values): the set of type Set holding the values of a header
/// written by to_cpp_header, at compile time. Set is the program's set type, e.g.
/// `decltype(tg::parameters_of(net))`. The names must be Set's names in order, the count Set's size, and
/// the value type Set's value_type; otherwise compilation stops (a name that differs, with a call to
/// `detail::the_names_in_the_header_differ_from_the_parameter_set`). See example/export_use.cpp.
template <class Set, class T, std::size_t N>
[[nodiscard]] consteval Set parameter_set_from(const std::array<std::string_view, N>& names,
                                               const std::array<T, N>& values) {
    static_assert(detail::is_parameter_set<Set>::value,
                  "typegrad: parameter_set_from<Set>(names, values) requires 'Set' to be a parameter set type, "
                  "e.g. decltype(tg::parameters_of(net))");
    static_assert(N == Set::size(),
                  "typegrad: parameter_set_from: the header holds a different number of parameters than 'Set'; it "
                  "was written for another network: regenerate it");
    static_assert(std::is_same_v<T, typename Set::value_type>,
                  "typegrad: parameter_set_from: the header's values are not of the set's value_type; make the set "
                  "with parameters_of<float>(e) or parameters_of<double>(e) to match the header");
    for (std::size_t i = 0; i < N; ++i)
        if (names[i] != Set::names[i]) detail::the_names_in_the_header_differ_from_the_parameter_set();
    Set theta{};
    theta.values = values;
    return theta;
}

/// save(theta, path): writes the parameter set to a text file, replacing `path` atomically (a crash
/// leaves the old file or the new one, never a part: the text goes to a temporary file beside it, is
/// flushed and synced, then renamed over `path`). The format, in the set's (name) order:
///
///     typegrad-parameters 1 double 7
///     b1 -0.04
///     ...
///
/// Each value is its shortest round-trip decimal (std::to_chars), so load reads back the same bits.
/// Returns an error, and leaves `path` as it was, if a value is not finite or the file cannot be
/// written. Names must be non-empty and free of spaces and control characters (checked at compile time).
template <class Set>
[[nodiscard]] file_error save(const Set& theta, const std::string& path) {
    static_assert(detail::check_exportable<Set>::value, "typegrad: 'theta' must be a parameter set of float or double");
    static_assert(detail::names_fit_text_format(Set::names),
                  "typegrad: save and load write one 'name value' per line, so parameter names must be non-empty "
                  "and free of spaces and control characters");
    if (std::string what = detail::first_non_finite_value(theta); !what.empty())
        return {"cannot save '" + path + "': " + what};
    std::string text(detail::file_magic);
    text += " " + std::string(detail::file_version) + " " + std::string(detail::value_type_name<typename Set::value_type>()) +
            " " + std::to_string(Set::size()) + "\n";
    for (std::size_t i = 0; i < Set::size(); ++i) {
        text += Set::names[i];
        text += ' ';
        detail::append_shortest(text, theta.values[i]);
        text += '\n';
    }
    return detail::write_file_atomically(path, text);
}

/// load(theta, path): reads a file written by save into theta. The file must hold exactly theta's
/// parameters, each once, in any order, as finite numbers of theta's value type (blank lines are
/// ignored). On any error theta is left untouched and the message names the file, the line and the
/// problem: a missing file, a wrong first line or count, a malformed line, a number that does not parse,
/// a non-finite number, an unknown, repeated or missing name. Numbers are parsed with std::from_chars.
template <class Set>
[[nodiscard]] file_error load(Set& theta, const std::string& path) {
    static_assert(detail::check_exportable<Set>::value, "typegrad: 'theta' must be a parameter set of float or double");
    static_assert(detail::names_fit_text_format(Set::names),
                  "typegrad: save and load write one 'name value' per line, so parameter names must be non-empty "
                  "and free of spaces and control characters");
    using T = typename Set::value_type;
    std::string text;
    if (file_error error = detail::read_file(path, text); !error.ok()) return error;

    const std::string type(detail::value_type_name<T>());
    const std::string expected_first = std::string(detail::file_magic) + " " + std::string(detail::file_version) +
                                       " " + type + " " + std::to_string(Set::size());
    const auto at = [&](std::size_t line) { return "line " + std::to_string(line) + " of '" + path + "': "; };

    Set loaded{};                                // filled here; copied to theta only if the whole file is good
    std::array<std::size_t, Set::size()> seen_on{};  // the line each parameter was read from (0: not yet)
    std::size_t line_number = 0, entries = 0;
    std::string_view rest = text;
    while (!rest.empty() || line_number == 0) {
        const std::size_t end = rest.find('\n');
        std::string_view line = rest.substr(0, end);
        rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
        ++line_number;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);  // a file edited on Windows

        std::array<std::string_view, 4> fields{};
        const std::size_t count = detail::split_fields(line, fields);
        if (line_number == 1) {
            if (count == 0) return {at(1) + "the file is empty or starts with a blank line; expected '" + expected_first + "'"};
            if (count != 4 || fields[0] != detail::file_magic)
                return {at(1) + "not a typegrad parameter file: expected '" + expected_first + "', found " +
                        detail::quoted(line)};
            if (fields[1] != detail::file_version)
                return {at(1) + "format version " + detail::quoted(fields[1]) + " is not supported (this typegrad reads version " +
                        std::string(detail::file_version) + ")"};
            if (fields[2] != type)
                return {at(1) + "the file holds " + detail::quoted(fields[2]) + " values, but the parameter set holds " + type};
            if (fields[3] != std::to_string(Set::size()))
                return {at(1) + "the file holds " + detail::quoted(fields[3]) + " parameters, but the parameter set has " +
                        std::to_string(Set::size())};
            continue;
        }
        if (count == 0) continue;  // a blank line
        if (count != 2) return {at(line_number) + "expected 'name value', found " + detail::quoted(line)};
        const std::string_view name = fields[0], number = fields[1];
        const std::size_t index = Set::index_of(name);
        if (index == Set::npos) return {at(line_number) + "'" + std::string(name) + "' is not a parameter of the set"};
        if (seen_on[index] != 0)
            return {at(line_number) + "'" + std::string(name) + "' appears again (first on line " +
                    std::to_string(seen_on[index]) + ")"};
        T value{};
        const auto [ptr, ec] = std::from_chars(number.data(), number.data() + number.size(), value);
        if (ec == std::errc::result_out_of_range)
            return {at(line_number) + "the value of '" + std::string(name) + "', " + detail::quoted(number) +
                    ", is out of the range of " + type};
        if (ec != std::errc{} || ptr != number.data() + number.size())
            return {at(line_number) + "the value of '" + std::string(name) + "', " + detail::quoted(number) +
                    ", is not a number"};
        if (!std::isfinite(value))
            return {at(line_number) + "the value of '" + std::string(name) + "' is not finite (" + std::string(number) + ")"};
        loaded.values[index] = value;
        seen_on[index] = line_number;
        ++entries;
    }
    if (entries < Set::size()) {
        std::size_t missing = 0;
        while (seen_on[missing] != 0) ++missing;
        return {at(line_number + 1) + "the file ends after " + std::to_string(entries) + " of the " +
                std::to_string(Set::size()) + " parameters that line 1 announces; '" + std::string(Set::names[missing]) +
                "' has no value"};
    }
    theta = loaded;
    return {};
}

}  // namespace typegrad
