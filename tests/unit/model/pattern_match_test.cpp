// The `is` / `not` validators' patterns: JavaScript's RegExp semantics (flags, escapes, classes)
// as Node answers `String(value).match(new RegExp(regex, flags))`, and bounded work on values
// that make a backtracking engine explode.
#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "model/validators/pattern_match.hpp"
#include "sequelize/errors.hpp"

namespace sequelize::detail {
namespace {

PatternMatch match(const std::string& regex, const std::string& flags, const std::string& text) {
  return matchPattern(Pattern{regex, flags}, text);
}
bool matches(const std::string& regex, const std::string& text, const std::string& flags = "") {
  return match(regex, flags, text) == PatternMatch::Matches;
}
std::string errorOf(const std::string& regex, const std::string& flags) {
  try {
    checkPattern(Pattern{regex, flags});
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

TEST(PatternMatch, FlagsMeanWhatTheyMeanInJavaScript) {
  EXPECT_TRUE(matches("^abc$", "ABC", "i"));
  EXPECT_FALSE(matches("^abc$", "ABC"));
  EXPECT_TRUE(matches("^é$", "É", "i"));
  EXPECT_TRUE(matches("^b$", "a\nb\nc", "m"));
  EXPECT_TRUE(matches("^b$", "a\r\nb\r\nc", "m"));
  EXPECT_FALSE(matches("^b$", "a\nb\nc"));
  EXPECT_TRUE(matches("^a.b$", "a\nb", "s"));
  EXPECT_FALSE(matches("^a.b$", "a\nb"));
  // g and d change nothing for "is there a match"; y anchors it at the start.
  EXPECT_TRUE(matches("b", "ab", "g"));
  EXPECT_TRUE(matches("b", "ab", "dg"));
  EXPECT_FALSE(matches("b", "ab", "y"));
  EXPECT_TRUE(matches("a", "ab", "y"));
  EXPECT_TRUE(matches("^\\u{1F600}$", "\U0001F600", "u"));
  EXPECT_TRUE(matches("^\\u{2}$", "uu"));  // without u: a u, twice
  EXPECT_TRUE(matches("^\\p{L}+$", "été", "u"));
  EXPECT_TRUE(matches("^\\p{L}$", "p{L}"));  // without u: \p is a p
}

TEST(PatternMatch, FlagsJavaScriptRejectsAreErrors) {
  EXPECT_EQ(errorOf("a", "gg"), "Invalid flags supplied to RegExp constructor 'gg'");
  EXPECT_EQ(errorOf("a", "x"), "Invalid flags supplied to RegExp constructor 'x'");
  EXPECT_TRUE(
      errorOf("a", "v").starts_with("The RegExp flag 'v' (set notation, in 'v') is not "
                                    "supported"));
  EXPECT_THROW(match("a", "iq", "a"), Error);
}

TEST(PatternMatch, LinesEndAndDotStopWhereJavaScriptSays) {
  EXPECT_FALSE(matches("^abc$", "abc\n"));  // $ is the very end, not also before a last \n
  EXPECT_TRUE(matches("^abc$", "abc\n", "m"));
  // Under m, lines end at \n, \r, U+2028 and U+2029, and \r\n is two line ends.
  EXPECT_TRUE(matches("^b", "a\u2028b", "m"));
  EXPECT_TRUE(matches("a$", "a\u2029b", "m"));
  EXPECT_TRUE(matches("^\\n", "\r\n", "m"));
  EXPECT_FALSE(matches("^b", "a\vb", "m"));
  EXPECT_FALSE(matches("^a.b$", "a\rb"));
  EXPECT_FALSE(matches("^a.b$", "a\u2028b"));
  EXPECT_FALSE(matches("^a.b$", "a\u2029b"));
  EXPECT_TRUE(matches("^a.b$", "a\u2029b", "s"));
  EXPECT_TRUE(matches("^a.b$", "a\vb"));  // a vertical tab is no line terminator
  EXPECT_TRUE(matches("^[^]$", "\n"));    // [^] is any character, [] none
  EXPECT_FALSE(matches("^a[]", "a"));
}

TEST(PatternMatch, EscapesMeanWhatTheyMeanInJavaScript) {
  // \s is Unicode's spaces and JavaScript's line terminators and the BOM; \d and \w are ASCII.
  for (const char* space : {" ", "\t", "\v", "\u00a0", "\u2003", "\u2028", "\u3000", "\ufeff"}) {
    EXPECT_TRUE(matches("^\\s$", space)) << space;
    EXPECT_FALSE(matches("^\\S$", space)) << space;
    EXPECT_TRUE(matches("^[\\s]$", space)) << space;
    EXPECT_FALSE(matches("^[^\\s]$", space)) << space;
  }
  EXPECT_FALSE(matches("^\\s$", "\u0085"));  // NEL is not one of them
  EXPECT_FALSE(matches("^\\S+$", "a\u00a0b"));
  EXPECT_TRUE(matches("^\\S+$", "ab"));
  EXPECT_FALSE(matches("^\\d$", "\u0663"));  // ARABIC-INDIC DIGIT THREE
  EXPECT_FALSE(matches("^\\w$", "é"));
  EXPECT_FALSE(matches("\\bé", "é"));  // é is no word character: no boundary before it
  // A class with \S in it: [a\S] is a or any non-space; [^a\S] is any space but a.
  EXPECT_TRUE(matches("^[a\\S]$", "b"));
  EXPECT_FALSE(matches("^[a\\S]$", " "));
  EXPECT_TRUE(matches("^[^a\\S]$", "\u00a0"));
  EXPECT_FALSE(matches("^[^a\\S]$", "b"));
  EXPECT_TRUE(matches("^[\\S]$", "b"));
  EXPECT_TRUE(matches("^[^\\S]$", " "));
  EXPECT_TRUE(matches("^[\\S^]+$", "^x"));
  EXPECT_TRUE(matches("^[\\d-z]+$", "1-z"));  // - after a class escape is a literal
  // \v is a vertical tab only; \uHHHH, \xHH and \cX are characters.
  EXPECT_TRUE(matches("^\\v$", "\v"));
  EXPECT_FALSE(matches("^\\v$", "\n"));
  EXPECT_TRUE(matches("^\\u0041\\x42$", "AB"));
  EXPECT_TRUE(matches("^\\u00e9$", "é"));
  EXPECT_TRUE(matches("^\\cJ$", "\n"));
  EXPECT_TRUE(matches("^\\c1$", "\\c1"));  // \c without a letter: a backslash and a c
  // Escapes of letters JavaScript does not know are those letters (PCRE2 knows \a, \e, \h, \K,
  // \Q, \R …); under u they are syntax errors.
  EXPECT_TRUE(matches("^\\a\\e\\h\\K\\Q\\R\\X$", "aehKQRX"));
  EXPECT_TRUE(matches("^\\k$", "k"));
  EXPECT_TRUE(matches("^(?<x>a)\\k<x>$", "aa"));
  // [ inside a class is a literal: no POSIX classes in JavaScript.
  EXPECT_TRUE(matches("^[[:alpha:]]$", "a]"));
  EXPECT_FALSE(matches("^[[:alpha:]]$", "b"));
  // A back reference to a group that has not matched matches the empty string, repeated or
  // not, before the group or inside it.
  EXPECT_TRUE(matches("^(a)?\\1b$", "b"));
  EXPECT_TRUE(matches("^(a)?\\1+x$", "x"));
  EXPECT_TRUE(matches("^\\1+x(a)$", "xa"));
  EXPECT_TRUE(matches("^(a\\1){2}$", "aa"));
  EXPECT_TRUE(matches("^(?<n>a)\\k<n>$", "aa"));
  // Without that many groups, \1 … is an octal escape (and \8, \9 the digit).
  EXPECT_TRUE(matches("^\\1$", "\x01"));
  EXPECT_TRUE(matches("^(a)\\10$", "a\x08"));
  EXPECT_TRUE(matches("^\\400$", " 0"));
  EXPECT_TRUE(matches("^\\8$", "8"));
  EXPECT_TRUE(matches("^[\\1]$", "\x01"));
  EXPECT_TRUE(matches("^\\k<x>$", "k<x>"));  // no named groups: a k
  // PCRE2 10.42 slips that the matcher steers around (JIT on \W, start-up optimisations).
  EXPECT_TRUE(matches("^\\W\\D$", "éé"));
  EXPECT_TRUE(matches("(?=a)(?:a)?a", "\ra^^."));
  EXPECT_TRUE(matches("^(a)(b)(c)(d)$", "abcd"));  // more groups than offsets kept
  EXPECT_TRUE(matches("a\\/b", "a/b"));
}

TEST(PatternMatch, InvalidPatternsAreErrorsNamingThem) {
  EXPECT_EQ(errorOf("(unclosed", ""),
            "Invalid regular expression: /(unclosed/: Unterminated group");
  EXPECT_EQ(errorOf("a)|(b", ""), "Invalid regular expression: /a)|(b/: Unmatched ')'");
  EXPECT_TRUE(errorOf("a{2,1}", "").starts_with("Invalid regular expression: /a{2,1}/: "));
  EXPECT_EQ(errorOf("[abc", ""),
            "Invalid regular expression: /[abc/: Unterminated character class");
  EXPECT_EQ(errorOf("abc\\", "i"), "Invalid regular expression: /abc\\/i: \\ at end of pattern");
  EXPECT_EQ(errorOf("\\a", "u"), "Invalid regular expression: /\\a/u: Invalid escape");
  EXPECT_EQ(errorOf("\\1", "u"), "Invalid regular expression: /\\1/u: Invalid escape");
  EXPECT_EQ(errorOf("[\\1]", "u"), "Invalid regular expression: /[\\1]/u: Invalid class escape");
  EXPECT_EQ(errorOf("\\01", "u"), "Invalid regular expression: /\\01/u: Invalid decimal escape");
  EXPECT_EQ(errorOf("[\\d-z]", "u"),
            "Invalid regular expression: /[\\d-z]/u: Invalid character class");
  EXPECT_EQ(errorOf("(?<n>a)\\k", ""),
            "Invalid regular expression: /(?<n>a)\\k/: Invalid named reference");
  EXPECT_THROW(checkPattern(Pattern{"\\k<n>", "u"}), Error);  // no group n
  EXPECT_EQ(errorOf("^[a-z]+$", "i"), "no error");
}

TEST(PatternMatch, BytesThatAreNotUtf8AreReplacementCharacters) {
  // As a Buffer's bytes become a JavaScript string: each stray byte is U+FFFD.
  EXPECT_TRUE(matches("^a", "a\xff"));
  EXPECT_TRUE(matches("^a.$", "a\xff"));
  EXPECT_TRUE(matches("^\\ufffd\\ufffdb$",
                      "\xc3\xff"
                      "b"));
  EXPECT_TRUE(matches("^\\ufffd{3}$", "\xed\xa0\x80"));  // a UTF-16 surrogate
  EXPECT_TRUE(matches("^\\xff$", "\u00ff"));
}

TEST(PatternMatch, PatternsThatExplodeWhenBacktrackingStillAnswer) {
  // Without back references nothing backtracks: these are answered, not given up on.
  std::string alternating;
  for (int i = 0; i < 10'000; ++i) alternating += "ab";
  EXPECT_EQ(match("^(a|b)*$", "", alternating), PatternMatch::Matches);
  EXPECT_EQ(match("^(a|b)*$", "", alternating + "c"), PatternMatch::NoMatch);
  EXPECT_EQ(match("^(a+)+$", "", std::string(64, 'a') + "b"), PatternMatch::NoMatch);
  EXPECT_EQ(match("^(\\w+\\s?)*$", "", std::string(64, 'x') + "!"), PatternMatch::NoMatch);
  EXPECT_EQ(match("^(a|aa)+$", "", std::string(64, 'a') + "b"), PatternMatch::NoMatch);
  EXPECT_EQ(match("a*a*a*b", "", std::string(20'000, 'a')), PatternMatch::NoMatch);
  const std::string huge(300'000, 'a');  // far past what backtracking could hold
  EXPECT_EQ(match("^(a|b)*$", "", huge), PatternMatch::Matches);
  EXPECT_EQ(match("(a|b)*c", "", huge), PatternMatch::NoMatch);
  EXPECT_EQ(match("^[a-z]+$", "", huge), PatternMatch::Matches);
}

TEST(PatternMatch, BackReferencesBacktrackWithinLimits) {
  EXPECT_EQ(match("^(a|b)*\\1$", "", "abb"), PatternMatch::Matches);
  EXPECT_EQ(match("^(a|aa)+\\1$", "", std::string(64, 'a') + "b"), PatternMatch::TooCostly);
  // The limits hold over the whole search, not per start position.
  EXPECT_EQ(match("(a|aa)+\\1b", "", std::string(5'000, 'a')), PatternMatch::TooCostly);
  // Far past what the limits allow: an answer or TooCostly, never a crash.
  EXPECT_NE(match("^(a|b)*\\1$", "", std::string(2'000'000, 'a')), PatternMatch::NoMatch);
}

TEST(PatternMatch, ThreadsMatchAtTheSameTime) {
  std::vector<std::thread> threads;
  std::vector<int> wrong(4, 0);
  for (std::size_t t = 0; t < wrong.size(); ++t) {
    threads.emplace_back([t, &wrong] {
      for (int i = 0; i < 40; ++i) {
        const Pattern pattern{"^(a|b)*$", i % 2 == 0 ? "" : "i"};
        if (matchPattern(pattern, std::string(1000 + t, 'a')) != PatternMatch::Matches) ++wrong[t];
        if (matchPattern(pattern, "abc") != PatternMatch::NoMatch) ++wrong[t];
        if (i % 20 == 0 && matchPattern(Pattern{"^(a|aa)+\\1$"}, std::string(40, 'a') + "b") !=
                               PatternMatch::TooCostly) {
          ++wrong[t];
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(wrong, std::vector<int>(4, 0));
}

}  // namespace
}  // namespace sequelize::detail
