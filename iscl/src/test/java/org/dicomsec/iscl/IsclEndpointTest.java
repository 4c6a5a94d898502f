package org.dicomsec.iscl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What an {@link IsclEndpoint} tells a sender of many files about its volume limit. */
class IsclEndpointTest {

    private static IsclEndpoint endpoint(long volumeLimit) {
        return IsclEndpoint.builder(IsclFixture.ring("ALICE", "BOB", IsclFixture.K, IsclFixture.BOB_FLAGS), "ALICE")
                .volumeLimit(volumeLimit).build();
    }

    @Test
    void dataSetsPerAssociationStayBelowTheVolumeLimitByAMargin() {
        long limit = IsclConfig.DEFAULT_VOLUME_LIMIT;
        assertEquals(limit - limit / 50 - 65_536, endpoint(limit).dataSetBytesPerAssociation());
        assertEquals(1_048_576 - 20_971 - 65_536, endpoint(1 << 20).dataSetBytesPerAssociation());
        long max = endpoint(IsclConfig.MAX_VOLUME_LIMIT).dataSetBytesPerAssociation();
        assertTrue(max < IsclConfig.MAX_VOLUME_LIMIT && max > IsclConfig.MAX_VOLUME_LIMIT * 97 / 100, "" + max);
    }

    @Test
    void aLimitSmallerThanTheMarginStillSendsOneFileAtATime() {
        assertEquals(1, endpoint(1).dataSetBytesPerAssociation());
        assertEquals(1, endpoint(64 << 10).dataSetBytesPerAssociation());
    }
}
