package io.darkroom.index.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.darkroom.events.MediaKind;
import io.darkroom.index.domain.Stacks.Member;
import io.darkroom.index.domain.Stacks.Role;
import java.util.List;
import org.junit.jupiter.api.Test;

class StacksTest {

    private static final String ID = "E905E6C6-C747-4805-942F-9904A0281F02";

    @Test
    void rawAndJpegStackWithTheJpegAsPrimaryWhicheverCameFirst() {
        assertThat(Stacks.arrange(List.of(member(MediaKind.RAW, "DSC_0001.NEF"), member(MediaKind.IMAGE, "DSC_0001.JPG"))))
                .containsExactly(new Role(MediaKind.RAW, false), new Role(MediaKind.IMAGE, true));
        assertThat(Stacks.arrange(List.of(member(MediaKind.IMAGE, "DSC_0001.JPG"), member(MediaKind.RAW, "DSC_0001.NEF"))))
                .containsExactly(new Role(MediaKind.IMAGE, true), new Role(MediaKind.RAW, false));
    }

    @Test
    void aLivePhotosMotionHalfIsPairedByContentIdentifierAndHidden() {
        List<Role> roles = Stacks.arrange(List.of(
                new Member(MediaKind.VIDEO, "train.mov", ID, 2_900L),
                new Member(MediaKind.IMAGE, "train.jpg", ID, null)));
        assertThat(roles).containsExactly(new Role(MediaKind.LIVE_PHOTO, false), new Role(MediaKind.IMAGE, true));
    }

    @Test
    void differentContentIdentifiersAreDifferentShots() {
        List<Role> roles = Stacks.arrange(List.of(
                new Member(MediaKind.IMAGE, "IMG_0001.HEIC", ID, null),
                new Member(MediaKind.VIDEO, "IMG_0001.MOV", "0D5F1A2B-0000-4000-8000-000000000000", 2_900L)));
        assertThat(roles).containsExactly(new Role(MediaKind.IMAGE, true), new Role(MediaKind.VIDEO, true));
    }

    @Test
    void withoutIdentifiersOnlyAShortVideoBesideAStillIsItsMotion() {
        assertThat(Stacks.arrange(List.of(member(MediaKind.IMAGE, "IMG_0002.JPG"),
                new Member(MediaKind.VIDEO, "IMG_0002.MOV", null, 3_000L))))
                .containsExactly(new Role(MediaKind.IMAGE, true), new Role(MediaKind.LIVE_PHOTO, false));
        assertThat(Stacks.arrange(List.of(member(MediaKind.IMAGE, "IMG_0003.JPG"),
                new Member(MediaKind.VIDEO, "IMG_0003.MOV", null, 95_000L))))
                .containsExactly(new Role(MediaKind.IMAGE, true), new Role(MediaKind.VIDEO, true));
    }

    @Test
    void anIphoneEditStandsForItsOriginalAndSidecarsAreNeverShown() {
        List<Role> roles = Stacks.arrange(List.of(
                member(MediaKind.IMAGE, "IMG_1234.HEIC"),
                member(MediaKind.SIDECAR, "IMG_1234.AAE"),
                member(MediaKind.IMAGE, "IMG_E1234.HEIC"),
                new Member(MediaKind.VIDEO, "IMG_1234.MOV", null, 2_500L)));
        assertThat(roles).containsExactly(new Role(MediaKind.IMAGE, false), new Role(MediaKind.SIDECAR, false),
                new Role(MediaKind.IMAGE, true), new Role(MediaKind.LIVE_PHOTO, false));
    }

    @Test
    void aMotionHalfWhoseStillIsGoneIsAVideoAgain() {
        assertThat(Stacks.arrange(List.of(new Member(MediaKind.LIVE_PHOTO, "IMG_0004.MOV", ID, 2_000L))))
                .containsExactly(new Role(MediaKind.VIDEO, true));
    }

    private static Member member(MediaKind kind, String name) {
        return new Member(kind, name, null, null);
    }
}
