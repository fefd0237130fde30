/**
 * Demo data for the platform: an ILLUSTRATIVE population table and SYNTHETIC monthly MHSDS and
 * NHS Talking Therapies submissions (the latter with ILLUSTRATIVE gaps in recovery by ethnic group
 * and deprivation), loaded through the public APIs by {@link uk.nhs.mhe.demo.DemoLoader}. Nothing here
 * is a real statistic or describes a real person; it only imitates the published picture (e.g.
 * Black people detained at ~3.5 times the White rate) so that the indicators have something
 * plausible to show. Population and activity share one {@link uk.nhs.mhe.demo.DemoScale}.
 */
package uk.nhs.mhe.demo;
