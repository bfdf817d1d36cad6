#include "core/base/number_format.h"

#include <gtest/gtest.h>

using namespace elig;

TEST(NumberFormat, ReadsLikeALabReport)
{
    EXPECT_EQ(format_number(136), "136");
    EXPECT_EQ(format_number(3.4), "3.4");
    EXPECT_EQ(format_number(0.75), "0.75");
    EXPECT_EQ(format_number(57.224747), "57.22");
    EXPECT_EQ(format_number(2.125), "2.125");
    EXPECT_EQ(format_number(1234.56), "1234.6");
    EXPECT_EQ(format_number(-0.0), "0");
    EXPECT_EQ(format_number(1.8 / 1.2), "1.5");  // 1.4999999999999998 reads as the 1.5 it is
}

TEST(NumberFormat, NeverPrintsAValueAsItsThresholdWhenTheyDiffer)
{
    EXPECT_EQ(format_number_against(1.5000001, 1.5), "1.5000001");
    EXPECT_EQ(format_number_against(29.9999, 30), "29.9999");
    EXPECT_EQ(format_number_against(3.0004, 3), "3.0004");
    EXPECT_EQ(format_number_against(1.8 / 1.2, 1.5), "1.5");  // equal within 1e-9
    EXPECT_EQ(format_number_against(3.4, 3), "3.4");
}

TEST(NumberFormat, ToleranceIsOneBillionth)
{
    EXPECT_TRUE(nearly_equal(1.5, 1.5 + 5e-10));
    EXPECT_FALSE(nearly_equal(1.5, 1.5 + 2e-9));
    EXPECT_TRUE(nearly_equal(30.78 / 20.52, 1.5));
}

TEST(NumberFormat, ExactNumbersRoundTrip)
{
    auto exact = [](double v) {
        std::string out;
        append_exact_number(out, v);
        return out;
    };
    EXPECT_EQ(exact(54), "54");
    EXPECT_EQ(exact(0.1), "0.1");
    EXPECT_EQ(exact(3.4), "3.4");
    EXPECT_EQ(exact(1.5000000000000002), "1.5000000000000002");
    EXPECT_EQ(std::stod(exact(57.22474747474747)), 57.22474747474747);
}

TEST(NumberFormat, UnitsAttachLikeClinicalText)
{
    EXPECT_EQ(with_unit("45", "%"), "45%");
    EXPECT_EQ(with_unit("3", "× ULN"), "3× ULN");
    EXPECT_EQ(with_unit("60", "g/L"), "60 g/L");
    EXPECT_EQ(with_unit("2", ""), "2");
}
