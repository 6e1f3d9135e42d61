package dev.zerocluster.master.join;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Lines as iproute2 6.1 prints them for {@code ip -o link show} and {@code ip -o monitor link}. */
class LinkEventTest {

    @Test
    void aNewLinkThatIsDown() {
        LinkEvent e = LinkEvent.parse("3: usb5@p5: <BROADCAST,MULTICAST,M-DOWN> mtu 1500 qdisc noop state DOWN group default"
                + " \\    link/ether 92:2c:31:fe:ca:f3 brd ff:ff:ff:ff:ff:ff");
        assertThat(e).isEqualTo(new LinkEvent(LinkEvent.Kind.PRESENT, 3, "usb5", false, "92:2c:31:fe:ca:f3", null));
    }

    @Test
    void aBridgePortThatIsUp() {
        LinkEvent e = LinkEvent.parse("7: usb0@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue master zc0"
                + " state UP mode DEFAULT group default qlen 1000\\    link/ether 02:5a:10:11:11:01 brd ff:ff:ff:ff:ff:ff"
                + " link-netns zct-n1");
        assertThat(e.up()).isTrue();
        assertThat(e.master()).isEqualTo("zc0");
        assertThat(e.name()).isEqualTo("usb0");
        assertThat(e.index()).isEqualTo(7);
    }

    @Test
    void aDeletedLink() {
        LinkEvent e = LinkEvent.parse("Deleted 3: usb5@NONE: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN group"
                + " default \\    link/ether 92:2c:31:fe:ca:f3 brd ff:ff:ff:ff:ff:ff");
        assertThat(e.kind()).isEqualTo(LinkEvent.Kind.REMOVED);
        assertThat(e.name()).isEqualTo("usb5");
    }

    @Test
    void unknownStateCountsAsUpWhenTheCarrierIs() {
        LinkEvent e = LinkEvent.parse("9: tun0: <POINTOPOINT,MULTICAST,NOARP,UP,LOWER_UP> mtu 1500 qdisc fq_codel state"
                + " UNKNOWN mode DEFAULT group default qlen 500\\    link/none");
        assertThat(e.up()).isTrue();
        assertThat(e.mac()).isNull();
    }

    @Test
    void otherLinesAreNotLinks() {
        assertThat(LinkEvent.parse("")).isNull();
        assertThat(LinkEvent.parse("    link/ether 92:2c:31:fe:ca:f3 brd ff:ff:ff:ff:ff:ff")).isNull();
        assertThat(LinkEvent.parse("Deleted garbage")).isNull();
    }
}
