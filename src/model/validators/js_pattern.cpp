#include "model/validators/js_pattern.hpp"

#include <algorithm>
#include <string_view>
#include <vector>

#include "sequelize/errors.hpp"

namespace sequelize::detail {
namespace {

// JavaScript's \s, as members of a class: WhiteSpace and LineTerminator (ECMA-262): tab, LF,
// VT, FF, CR, space, no-break space, the other Unicode space separators (Zs), LS, PS and the
// byte order mark. PCRE2's \s (without UCP, which would also make \d and \w Unicode-wide, unlike
// JavaScript's) has only the ASCII ones. \uHHHH is PCRE2's too: the matcher sets ALT_BSUX.
constexpr std::string_view kJsSpaces =
    "\\t\\n\\x0b\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff";
// JavaScript's line terminators. Without the s flag `.` matches anything else; under m, ^ and $
// match next to them. PCRE2 would use its newline convention (by default \n alone) instead.
constexpr std::string_view kNotLineTerminator = "[^\\n\\r\\u2028\\u2029]";
constexpr std::string_view kLineStart = "(?<![^\\n\\r\\u2028\\u2029])";  // ^ under m
constexpr std::string_view kLineEnd = "(?![^\\n\\r\\u2028\\u2029])";     // $ under m

bool isAsciiLetter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool isDigit(char c) {
  return c >= '0' && c <= '9';
}
bool isOctalDigit(char c) {
  return c >= '0' && c <= '7';
}

// What a back reference needs to know of the whole pattern: how many capturing groups it has,
// and whether any is named (JavaScript's \k means a named reference only then).
struct Groups {
  std::size_t count = 0;
  bool named = false;
};

Groups countGroups(std::string_view src) {
  Groups groups;
  bool inClass = false;
  for (std::size_t i = 0; i < src.size(); ++i) {
    const char c = src[i];
    if (c == '\\') {
      ++i;
    } else if (inClass) {
      inClass = c != ']';
    } else if (c == '[') {
      inClass = true;
      if (i + 1 < src.size() && src[i + 1] == '^') ++i;
    } else if (c == '(') {
      const std::string_view rest = src.substr(i + 1);
      if (!rest.starts_with('?')) {
        ++groups.count;
      } else if (rest.starts_with("?<") && !rest.starts_with("?<=") && !rest.starts_with("?<!")) {
        ++groups.count;
        groups.named = true;
      }
    }
  }
  return groups;
}

JsFlags parseFlags(const std::string& flags) {
  JsFlags out;
  std::string seen;
  for (const char f : flags) {
    bool known = true;
    switch (f) {
      case 'i':
        out.ignoreCase = true;
        break;
      case 'm':
        out.multiline = true;
        break;
      case 's':
        out.dotAll = true;
        break;
      case 'u':
        out.unicode = true;
        break;
      case 'y':
        out.sticky = true;
        break;
      case 'g':  // String.prototype.match then lists every match: still "is there one"
      case 'd':  // match indices: nothing a yes/no answer uses
        break;
      case 'v':
        throw Error("The RegExp flag 'v' (set notation, in '" + flags +
                    "') is not supported: its classes have no PCRE2 equivalent");
      default:
        known = false;
    }
    if (!known || seen.find(f) != std::string::npos) {
      throw Error("Invalid flags supplied to RegExp constructor '" + flags + "'");
    }
    seen.push_back(f);
  }
  return out;
}

class Translator {
 public:
  Translator(const Pattern& pattern, JsFlags flags)
      : pattern_(pattern), flags_(flags), groups_(countGroups(pattern.regex)) {}

  JsPatternTranslation run() {
    const std::string& src = pattern_.regex;
    while (pos_ < src.size()) {
      const char c = src[pos_++];
      if (c == '\\') {
        if (pos_ == src.size()) throw syntaxError("\\ at end of pattern");
        escape(src[pos_++]);
      } else if (inClass_) {
        if (c == ']') {
          closeClass();
        } else if (c == '[') {
          out_ += "\\[";  // a literal in JavaScript; PCRE2 would read [:alpha:] as a POSIX class
        } else {
          out_ += c;
        }
      } else if (c == '[') {
        openClass();
      } else if (c == '(') {
        openGroup();
        out_ += c;
      } else if (c == ')') {
        // Checked here: the matcher wraps the pattern in a group, which would pair a stray ')'.
        if (openGroups_.empty()) throw syntaxError("Unmatched ')'");
        openGroups_.pop_back();
        out_ += c;
      } else if (c == '.' && !flags_.dotAll) {
        out_ += kNotLineTerminator;
      } else if (c == '^' && flags_.multiline) {
        out_ += kLineStart;
      } else if (c == '$' && flags_.multiline) {
        out_ += kLineEnd;
      } else {
        out_ += c;
      }
    }
    if (inClass_) throw syntaxError("Unterminated character class");
    if (!openGroups_.empty()) throw syntaxError("Unterminated group");
    return {std::move(out_), flags_, backReferences_};
  }

 private:
  Error syntaxError(const std::string& what) const {
    return Error("Invalid regular expression: /" + pattern_.regex + "/" + pattern_.flags + ": " +
                 what);
  }

  [[nodiscard]] char next() const {
    return pos_ < pattern_.regex.size() ? pattern_.regex[pos_] : '\0';
  }

  // An escape JavaScript does not know is the letter itself, except under `u` where it is a
  // syntax error. PCRE2 gives many of these letters meanings (\a, \e, \h, \K, \Q, \R, \X …).
  void unknownEscape(char letter) {
    if (flags_.unicode) throw syntaxError("Invalid escape");
    out_ += letter;
  }

  // JavaScript (without u) reads `-` after a class escape, as in [\d-z], as a literal; PCRE2
  // reports an invalid range.
  void literalDashAfterClassEscape() {
    const std::string& src = pattern_.regex;
    if (inClass_ && next() == '-' && pos_ + 1 < src.size() && src[pos_ + 1] != ']') {
      if (flags_.unicode) throw syntaxError("Invalid character class");
      out_ += "\\-";
      ++pos_;
    }
  }

  // \1 … \99…: a back reference when the pattern has that many groups (outside classes).
  // Otherwise, without u, a legacy octal escape (up to \377) or, for 8 and 9, the digit itself;
  // PCRE2 would report a reference to a missing group.
  void decimalEscape(char first) {
    const std::string& src = pattern_.regex;
    std::size_t end = pos_;
    while (end < src.size() && isDigit(src[end])) ++end;
    const std::string digits = first + src.substr(pos_, end - pos_);
    if (!inClass_ && first != '0' && digits.size() <= 9 && std::stoul(digits) <= groups_.count) {
      backReference(digits);
      pos_ = end;
      return;
    }
    if (flags_.unicode) {
      if (first == '0' && !isDigit(next())) {
        out_ += "\\u0000";
        return;
      }
      if (first == '0') throw syntaxError("Invalid decimal escape");
      throw syntaxError(inClass_ ? "Invalid class escape" : "Invalid escape");
    }
    if (!isOctalDigit(first)) {
      out_ += first;
      return;
    }
    unsigned value = static_cast<unsigned>(first - '0');
    const std::size_t maxDigits = first <= '3' ? 3 : 2;
    for (std::size_t n = 1; n < maxDigits && isOctalDigit(next()); ++n) {
      value = value * 8 + static_cast<unsigned>(next() - '0');
      ++pos_;
    }
    static constexpr std::string_view kHexDigits = "0123456789abcdef";
    out_ += "\\u00";
    out_ += kHexDigits[value >> 4];
    out_ += kHexDigits[value & 0xF];
  }

  // The groups around the current position, by number and name (0 and "" when not capturing).
  struct OpenGroup {
    std::size_t number = 0;
    std::string name;
  };

  void openGroup() {
    const std::string_view rest = std::string_view(pattern_.regex).substr(pos_);
    OpenGroup group;
    if (!rest.starts_with('?')) {
      group.number = ++groupsOpened_;
    } else if (rest.starts_with("?<") && !rest.starts_with("?<=") && !rest.starts_with("?<!")) {
      group.number = ++groupsOpened_;
      group.name = std::string(rest.substr(2, rest.find('>') - 2));
    }
    openGroups_.push_back(std::move(group));
  }

  // A reference inside the group it names is always empty in JavaScript (the group is not
  // complete, and a repetition forgets what it matched the time before); PCRE2 would match what
  // the previous repetition captured.
  bool insideGroup(std::size_t number, const std::string& name) const {
    return std::any_of(openGroups_.begin(), openGroups_.end(), [&](const OpenGroup& g) {
      return g.number != 0 && (name.empty() ? g.number == number : g.name == name);
    });
  }

  // JavaScript's back reference to a group that has not matched matches the empty string; in
  // PCRE2 it fails (PCRE2_MATCH_UNSET_BACKREF is not kept by the JIT for repeated references),
  // so the reference is taken only if the group is set. \g{n} is never read as octal.
  void backReference(const std::string& group) {
    if (insideGroup(std::stoul(group), "")) {
      out_ += "(?:)";
      return;
    }
    out_ += "(?(" + group + ")\\g{" + group + "})";
    backReferences_ = true;
  }

  void namedReference() {
    const std::string& src = pattern_.regex;
    const std::size_t close = src.find('>', pos_);
    if (next() != '<' || close == std::string::npos || close == pos_ + 1) {
      throw syntaxError("Invalid named reference");
    }
    const std::string name = src.substr(pos_ + 1, close - pos_ - 1);
    pos_ = close + 1;
    if (insideGroup(0, name)) {
      out_ += "(?:)";
      return;
    }
    out_ += "(?(<" + name + ">)\\k<" + name + ">)";
    backReferences_ = true;
  }

  void escape(char e) {
    if (isDigit(e)) return decimalEscape(e);
    if (!isAsciiLetter(e)) {
      // Escaped punctuation is the character itself in PCRE2 too.
      out_ += '\\';
      out_ += e;
      return;
    }
    switch (e) {
      case 's':
        if (inClass_) {
          out_ += kJsSpaces;
        } else {
          out_ += '[';
          out_ += kJsSpaces;
          out_ += ']';
        }
        literalDashAfterClassEscape();
        return;
      case 'S':
        if (inClass_) {
          classHasNonSpace_ = true;  // written when the class closes
        } else {
          out_ += "[^";
          out_ += kJsSpaces;
          out_ += ']';
        }
        literalDashAfterClassEscape();
        return;
      case 'v':  // a vertical tab in JavaScript; any vertical space in PCRE2
        out_ += "\\x0b";
        return;
      case 'd':
      case 'D':
      case 'w':
      case 'W':
        out_ += '\\';
        out_ += e;
        literalDashAfterClassEscape();
        return;
      case 'p':
      case 'P':  // Unicode properties only under u; otherwise the letter
        if (!flags_.unicode) return unknownEscape(e);
        out_ += '\\';
        out_ += e;
        literalDashAfterClassEscape();
        return;
      case 'B':  // a non-boundary outside classes, nothing special inside
        if (inClass_) return unknownEscape(e);
        out_ += "\\B";
        return;
      case 'k':  // \k<name>, when the pattern names groups (or under u); otherwise a k
        if (inClass_ || (!groups_.named && !flags_.unicode)) return unknownEscape(e);
        return namedReference();
      case 'c':  // \cX, X a letter, is a control character; otherwise a backslash and a c
        if (isAsciiLetter(next())) {
          out_ += "\\c";
        } else if (flags_.unicode) {
          throw syntaxError("Invalid unicode escape");
        } else {
          out_ += "\\\\c";
        }
        return;
      case 'b':  // a word boundary outside classes, a backspace inside: in both
      case 'f':
      case 'n':
      case 'r':
      case 't':
      case 'u':  // \uHHHH (and \u{…} under u): PCRE2's ALT_BSUX options; otherwise the letter
      case 'x':  // \xHH: likewise
        out_ += '\\';
        out_ += e;
        return;
      default:
        unknownEscape(e);
    }
  }

  void openClass() {
    inClass_ = true;
    classStart_ = out_.size();
    out_ += '[';
    classNegated_ = next() == '^';
    if (classNegated_) {
      out_ += '^';
      ++pos_;
    }
    classBody_ = out_.size();
    classHasNonSpace_ = false;
  }

  // A class holding \S cannot stay one PCRE2 class: [a\S] becomes (?:[a]|[^spaces]) and
  // [^a\S] (spaces other than a) becomes (?:(?![a])[spaces]).
  void closeClass() {
    inClass_ = false;
    if (!classHasNonSpace_) {
      out_ += ']';
      return;
    }
    std::string body = out_.substr(classBody_);
    out_.resize(classStart_);
    if (!body.empty() && body.front() == '^') body.insert(0, "\\");  // a literal ^, not negation
    const std::string spaces = std::string(kJsSpaces) + "]";
    if (body.empty()) {
      out_ += (classNegated_ ? "[" : "[^") + spaces;
    } else if (classNegated_) {
      out_ += "(?:(?![" + body + "])[" + spaces + ")";
    } else {
      out_ += "(?:[" + body + "]|[^" + spaces + ")";
    }
  }

  const Pattern& pattern_;
  JsFlags flags_;
  Groups groups_;
  std::vector<OpenGroup> openGroups_;
  std::size_t groupsOpened_ = 0;
  bool backReferences_ = false;
  std::string out_;
  std::size_t pos_ = 0;
  bool inClass_ = false;
  bool classNegated_ = false;
  bool classHasNonSpace_ = false;
  std::size_t classStart_ = 0;  // where the open class's '[' is in out_
  std::size_t classBody_ = 0;   // where its members start
};

}  // namespace

JsPatternTranslation translateJsPattern(const Pattern& pattern) {
  return Translator(pattern, parseFlags(pattern.flags)).run();
}

}  // namespace sequelize::detail
