#include "core/base/date.h"

#include <gtest/gtest.h>

using namespace elig;

static DayNumber d(const char* text)
{
    auto parsed = parse_iso_date(text);
    EXPECT_TRUE(parsed.has_value()) << text;
    return parsed.value_or(0);
}

TEST(Date, EpochAndRoundTrip)
{
    EXPECT_EQ(d("1970-01-01"), 0);
    EXPECT_EQ(d("1970-01-02"), 1);
    EXPECT_EQ(d("1969-12-31"), -1);
    for (const char* text : {"0001-01-01", "1900-02-28", "2000-02-29", "2027-01-10", "2099-12-31", "9999-12-31"})
        EXPECT_EQ(format_iso_date(d(text)), text);
    for (DayNumber day = -719162; day < 2932897; day += 997) EXPECT_EQ(parse_iso_date(format_iso_date(day)), day);
}

TEST(Date, RejectsWhatIsNotACalendarDay)
{
    for (const char* text : {"2027-02-29", "2027-02-30", "2027-13-01", "2027-00-10", "2027-01-00", "2027-04-31", "1900-02-29",
                             "10/01/2027", "2027-1-10", "2027-01-1", "2027/01/10", "27-01-10", "2027-01-10T00:00", " 2027-01-10",
                             "", "none", "0000-01-01", "2027-0a-10"})
        EXPECT_FALSE(parse_iso_date(text).has_value()) << text;
    EXPECT_TRUE(parse_iso_date("2024-02-29").has_value());
    EXPECT_TRUE(parse_iso_date("2000-02-29").has_value());
}

TEST(Date, CalendarMonthsClampToTheMonthEnd)
{
    EXPECT_EQ(format_iso_date(add_months(d("2027-01-10"), -6)), "2026-07-10");
    EXPECT_EQ(format_iso_date(add_months(d("2027-08-31"), -6)), "2027-02-28");
    EXPECT_EQ(format_iso_date(add_months(d("2028-08-31"), -6)), "2028-02-29");
    EXPECT_EQ(format_iso_date(add_months(d("2027-03-31"), 1)), "2027-04-30");
    EXPECT_EQ(format_iso_date(add_months(d("2026-12-15"), 1)), "2027-01-15");
    EXPECT_EQ(format_iso_date(add_months(d("2027-01-15"), -13)), "2025-12-15");
    EXPECT_EQ(format_iso_date(add_months(d("2027-01-15"), 0)), "2027-01-15");
}

TEST(Date, CompletedYearsCountBirthdays)
{
    EXPECT_EQ(completed_years(d("1948-01-10"), d("2027-01-10")), 79);  // the birthday itself
    EXPECT_EQ(completed_years(d("1948-01-11"), d("2027-01-10")), 78);  // the day before
    EXPECT_EQ(completed_years(d("2008-02-29"), d("2026-02-28")), 17);  // leap-day birth, common year
    EXPECT_EQ(completed_years(d("2008-02-29"), d("2026-03-01")), 18);
    EXPECT_EQ(completed_years(d("2008-02-29"), d("2028-02-29")), 20);
    EXPECT_EQ(completed_years(d("2027-01-10"), d("2027-01-10")), 0);
}
